namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>
/// Whether this machine can talk vsock to itself (CID 1 through <c>vsock_loopback</c>). The development machines
/// and CI hosts cannot (docs/vsock.md#loopback); the rig VM can, and tests/rig/run-vsock-tests.sh runs these tests there with
/// -failSkips, so a skip inside the VM is a failure.
/// </summary>
internal static class VsockLoopback
{
    public const string Category = "Vsock";

    public const string SkipReason =
        "no vsock loopback here (binding CID 1 fails with EADDRNOTAVAIL); these run in the rig VM via tests/rig/run-vsock-tests.sh";

    private static readonly Lazy<string?> s_unavailable = new(Probe);

    public static void RequireOrSkip()
    {
        if (s_unavailable.Value is { } why)
        {
            Assert.Skip($"{SkipReason} [{why}]");
        }
    }

    private static string? Probe()
    {
        try
        {
            using var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Local, VsockEndPoint.AnyPort));
            return null;
        }
        catch (VsockException ex)
        {
            return $"{ex.Operation}: {ex.ErrnoName}";
        }
    }
}
