using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Tests.Operations;

public sealed class NsmErrorTextTests
{
    [Fact]
    public void An_NSM_error_names_its_code()
    {
        var error = new NsmException(NsmErrorCode.ReadOnlyIndex);

        Assert.Equal("NSM error ReadOnlyIndex", NsmErrorText.Title(error));
        Assert.Contains("locked", NsmErrorText.Detail(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_error_names_its_errno_and_operation()
    {
        var error = new NsmDeviceException(NsmErrorCode.InputTooLarge, 90, "EMSGSIZE", "ioctl", "The request is too large.");

        Assert.Equal("Device error EMSGSIZE (errno 90) in ioctl", NsmErrorText.Title(error));
        Assert.Contains("InputTooLarge", NsmErrorText.Detail(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_protocol_error_names_the_offset()
    {
        var error = new NsmProtocolException("Expected a map.", 7);

        Assert.Equal("Protocol error InvalidResponse at byte 7", NsmErrorText.Title(error));
    }
}
