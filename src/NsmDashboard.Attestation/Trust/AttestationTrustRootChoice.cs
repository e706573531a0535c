namespace NsmDashboard.Attestation;

/// <summary>
/// The root a document is checked against when the caller names none (docs/attestation-verification.md#trust-roots):
/// among the roots the caller trusts — AWS's always, the emulator's when the dashboard runs on the emulator — the
/// one that the document's <c>cabundle[0]</c> is, byte for byte; AWS's when it is none of them.
/// </summary>
/// <remarks>
/// Choosing by the document trusts nothing new: the document can only select among roots trusted already, and the
/// verifier then pins the chosen one and checks <c>cabundle[0]</c> against it as always. What it changes is that a real
/// AWS document pasted into a dashboard that runs on the emulator is checked against AWS, not failed against the
/// emulator's root, and an emulator document is checked against the emulator's root without the caller knowing to ask.
/// </remarks>
/// <param name="Root">The root to pin.</param>
/// <param name="MatchesDocument">Whether <c>cabundle[0]</c> is this root (when not, the document will fail RootPinned).</param>
/// <param name="Explanation">Which root was chosen and why, in words.</param>
public sealed record AttestationTrustRootChoice(AttestationTrustRoot Root, bool MatchesDocument, string Explanation)
{
    /// <summary>Chooses the root for a document.</summary>
    /// <param name="document">The decoded document, or <see langword="null"/> when the bytes did not decode.</param>
    /// <param name="trusted">The roots the caller trusts, the fallback (AWS) first.</param>
    /// <exception cref="ArgumentException"><paramref name="trusted"/> is empty.</exception>
    public static AttestationTrustRootChoice For(AttestationDocument? document, IReadOnlyList<AttestationTrustRoot> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        if (trusted.Count == 0)
        {
            throw new ArgumentException("Give at least one trusted root.", nameof(trusted));
        }

        var fallback = trusted[0];
        if (document?.CaBundle is not [var bundleRoot, ..])
        {
            return new(fallback, false, $"No root was named and the document has no cabundle to choose by: checked against the {fallback.Name}.");
        }

        foreach (var root in trusted)
        {
            if (root.Matches(bundleRoot.Span))
            {
                return new(root, true, $"No root was named: the document's cabundle[0] is the {root.Name} (SHA-256 {root.Sha256}), one of the roots this verifier trusts.");
            }
        }

        var names = string.Join(" or the ", trusted.Select(r => r.Name));
        return new(fallback, false, $"No root was named and the document's cabundle[0] is not the {names}: checked against the {fallback.Name}, which it cannot pass.");
    }
}
