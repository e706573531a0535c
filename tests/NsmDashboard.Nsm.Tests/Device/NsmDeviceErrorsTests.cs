using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>errno → NsmDeviceException, in the one place that does it (docs/nsm-ioctl.md#errno).</summary>
public sealed class NsmDeviceErrorsTests
{
    private const string Path = "/dev/nsm";

    /// <summary>
    /// errno (Linux x86-64/arm64 numbering), its symbol, the NsmErrorCode the Rust driver reports
    /// (EMSGSIZE → InputTooLarge, anything else → InternalError) and a phrase the message must carry.
    /// </summary>
    public static TheoryData<int, string, string, NsmErrorCode, string> Table => new()
    {
        { 2, "ENOENT", "open", NsmErrorCode.InternalError, "/dev/nsm does not exist: not inside a Nitro Enclave, or the nsm driver is not loaded" },
        { 13, "EACCES", "open", NsmErrorCode.InternalError, "permission denied opening /dev/nsm" },
        { 1, "EPERM", "open", NsmErrorCode.InternalError, "permission denied opening /dev/nsm" },
        { 1, "EPERM", "ioctl", NsmErrorCode.InternalError, "seccomp" },
        { 22, "EINVAL", "ioctl", NsmErrorCode.InternalError, "the driver rejected the NSM ioctl" },
        { 90, "EMSGSIZE", "ioctl", NsmErrorCode.InputTooLarge, "4096-byte limit" },
        { 14, "EFAULT", "ioctl", NsmErrorCode.InternalError, "could not copy the request or response buffer" },
        { 5, "EIO", "ioctl", NsmErrorCode.InternalError, "module is unavailable" },
        { 110, "ETIMEDOUT", "ioctl", NsmErrorCode.InternalError, "120 s timeout: the module is hung" },
        { 61, "ENODATA", "ioctl", NsmErrorCode.InternalError, "wrong buffers" },
        { 6, "ENXIO", "open", NsmErrorCode.InternalError, "no NSM device is behind it" },
        { 6, "ENXIO", "ioctl", NsmErrorCode.InternalError, "the NSM device went away" },
        { 12, "ENOMEM", "ioctl", NsmErrorCode.InternalError, "out of memory" },
        { 28, "ENOSPC", "ioctl", NsmErrorCode.InternalError, "an earlier request is still unanswered" },
        { 25, "ENOTTY", "ioctl", NsmErrorCode.InternalError, "/dev/nsm is not an NSM device" },
        { 21, "EISDIR", "open", NsmErrorCode.InternalError, "/dev/nsm is a directory" },
        { 4, "EINTR", "ioctl", NsmErrorCode.InternalError, "may or may not have been executed" },
        { 9999, "errno 9999", "ioctl", NsmErrorCode.InternalError, "the nsm driver failed the request" },
        { 9999, "errno 9999", "open", NsmErrorCode.InternalError, "cannot open /dev/nsm" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Errno_maps_to_name_error_code_and_an_operator_message(
        int errno, string name, string operation, NsmErrorCode code, string phrase)
    {
        NsmDeviceException e = NsmDeviceErrors.Create(errno, operation, Path);

        Assert.Equal(errno, e.Errno);
        Assert.Equal(name, e.ErrnoName);
        Assert.Equal(operation, e.Operation);
        Assert.Equal(code, e.ErrorCode);
        Assert.Contains(phrase, e.Message, StringComparison.Ordinal);
        // Every message also names the call, the device and the errno in full.
        Assert.Contains($"({operation} {Path}: {name}, errno {errno}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_carries_the_C_library_text_for_the_errno()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "strerror texts checked on Linux only");

        NsmDeviceException e = NsmDeviceErrors.Create(2, NsmDeviceErrors.Open, Path);

        Assert.EndsWith("No such file or directory)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ENOENT_tells_the_operator_how_to_proceed()
    {
        NsmDeviceException e = NsmDeviceErrors.Create(2, NsmDeviceErrors.Open, "/dev/nsm");

        Assert.Contains("--emulator", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, NsmErrorCode.InternalError)]
    [InlineData(22, NsmErrorCode.InternalError)]
    [InlineData(90, NsmErrorCode.InputTooLarge)]
    [InlineData(91, NsmErrorCode.InternalError)]
    public void Only_EMSGSIZE_is_InputTooLarge(int errno, NsmErrorCode code)
    {
        Assert.Equal(code, NsmDeviceErrors.ErrorCodeFor(errno));
    }

    [Fact]
    public void An_oversized_request_is_InputTooLarge_with_errno_0_because_nothing_was_called()
    {
        NsmDeviceException e = NsmDeviceErrors.RequestTooLarge(4097, Path);

        Assert.Equal(NsmErrorCode.InputTooLarge, e.ErrorCode);
        Assert.Equal(0, e.Errno);
        Assert.Equal("none", e.ErrnoName);
        Assert.Equal("ioctl", e.Operation);
        Assert.Equal(
            "The 4097-byte request was refused before the ioctl: the NSM driver accepts at most 4096 bytes (NSM_REQUEST_MAX_SIZE) and would answer EMSGSIZE (ioctl /dev/nsm: not called)",
            e.Message);
    }

    [Fact]
    public void An_empty_request_is_InvalidArgument_with_errno_0_because_nothing_was_called()
    {
        NsmDeviceException e = NsmDeviceErrors.RequestEmpty(Path);

        Assert.Equal(NsmErrorCode.InvalidArgument, e.ErrorCode);
        Assert.Equal(0, e.Errno);
        Assert.Equal("none", e.ErrnoName);
        Assert.Equal("ioctl", e.Operation);
        Assert.StartsWith("The empty request was refused before the ioctl", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(ioctl /dev/nsm: not called)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_too_small_caller_buffer_says_the_request_was_executed()
    {
        NsmException e = NsmDeviceErrors.ResponseBufferTooSmall(80, 16, Path);

        Assert.IsNotType<NsmDeviceException>(e);
        Assert.Equal(NsmErrorCode.BufferTooSmall, e.ErrorCode);
        Assert.Contains("answered 80 bytes but the caller's buffer holds 16", e.Message, StringComparison.Ordinal);
        Assert.Contains("WAS executed", e.Message, StringComparison.Ordinal);
    }
}
