namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// The tunnel refused a dashboard connection: it was served a certificate other than the pinned one and that
/// certificate did not pass attestation. Nothing of the browser's request was sent on it.
/// </summary>
internal sealed class TunnelRefusedException(string check, string evidence, string servedSha256, string pinnedSha256, Exception? innerException = null)
    : Exception($"the dashboard's certificate {servedSha256} is not the pinned one and failed attestation: {check}: {evidence}", innerException)
{
    /// <summary>The check that failed (a verifier check, a binding check, or the connection itself).</summary>
    public string Check { get; } = check;

    /// <summary>Why it failed.</summary>
    public string Evidence { get; } = evidence;

    /// <summary>SHA-256 of the certificate served on the refused connection (colon form).</summary>
    public string ServedSha256 { get; } = servedSha256;

    /// <summary>SHA-256 of the pinned certificate (colon form).</summary>
    public string PinnedSha256 { get; } = pinnedSha256;
}
