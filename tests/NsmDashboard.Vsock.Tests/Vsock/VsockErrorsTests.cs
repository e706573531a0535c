namespace NsmDashboard.Vsock.Tests.Vsock;

/// <summary>errno → <see cref="VsockException"/>, in the one place that does it; runs everywhere.</summary>
public sealed class VsockErrorsTests
{
    [Theory]
    [InlineData(104, "connect", "ECONNRESET", "nothing is listening on vsock port 5000 at CID 16")]
    [InlineData(110, "connect", "ETIMEDOUT", "no answer from CID 16")]
    [InlineData(19, "connect", "ENODEV", "no vsock path to CID 16")]
    [InlineData(99, "bind", "EADDRNOTAVAIL", "CID 16 is not an address of this machine")]
    [InlineData(98, "bind", "EADDRINUSE", "vsock port 5000 is already in use")]
    [InlineData(13, "bind", "EACCES", "CAP_NET_BIND_SERVICE")]
    [InlineData(97, "socket", "EAFNOSUPPORT", "no AF_VSOCK support")]
    [InlineData(24, "accept4", "EMFILE", "too many open files")]
    [InlineData(4242, "connect", "errno 4242", "the vsock connect failed")]
    public void Maps_errno_to_a_message_that_says_what_to_do(int errno, string operation, string name, string explanation)
    {
        var endPoint = new VsockEndPoint(16, 5000);

        var error = VsockErrors.Create(errno, operation, endPoint);

        Assert.Equal(errno, error.Errno);
        Assert.Equal(name, error.ErrnoName);
        Assert.Equal(operation, error.Operation);
        Assert.Same(endPoint, error.EndPoint);
        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{operation} vsock://16:5000: {name}, errno {errno}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(103, true)]
    [InlineData(4, true)]
    [InlineData(71, true)]
    [InlineData(24, false)]
    [InlineData(12, false)]
    public void Tells_transient_accept_errors(int errno, bool transient)
    {
        Assert.Equal(transient, VsockErrors.IsTransientAcceptError(errno));
    }

    [Fact]
    public void Without_vsock_loopback_binding_cid_1_fails_with_a_typed_error()
    {
        // On machines without vsock_loopback (docs/vsock.md#loopback) this is the error the listener tests skip on; with
        // loopback (the rig VM) binding works and there is nothing to check here.
        try
        {
            using var listener = VsockListener.Start(new VsockEndPoint(VsockCid.Local, VsockEndPoint.AnyPort));
        }
        catch (VsockException ex)
        {
            Assert.Contains(ex.ErrnoName, new[] { "EADDRNOTAVAIL", "EAFNOSUPPORT" });
            Assert.Contains(ex.Operation, new[] { "bind", "socket" });
        }
    }
}
