using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>
/// The edges of the real driver: the 4096-byte request limit on both sides of the boundary,
/// garbage requests, caller buffers smaller than 0x3000 and concurrent callers. Runs only where
/// <c>/dev/nsm</c> exists (see <see cref="LinuxNsmTransportDeviceTests"/>).
/// </summary>
[SupportedOSPlatform("linux")] // each test skips on other systems before touching the device
[Trait("Category", "Device")]
[Collection(NsmDevice.Collection)]
public sealed class LinuxNsmTransportDeviceLimitsTests(ITestOutputHelper log)
{
    [Fact]
    public void An_oversized_request_is_refused_by_the_transport_before_the_driver()
    {
        using var nsm = NsmDevice.OpenOrSkip();

        var e = Assert.Throws<NsmDeviceException>(
            () => nsm.Exchange(new byte[NsmLimits.RequestMaxSize + 1], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(NsmErrorCode.InputTooLarge, e.ErrorCode);
        Assert.Equal(0, e.Errno);
        Assert.Contains("refused before the ioctl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_request_is_refused_and_the_device_keeps_answering()
    {
        using var nsm = NsmDevice.OpenOrSkip();

        // Sent to QEMU's virtio-nsm, an empty request wedges the device: ETIMEDOUT after 120 s,
        // then ENOSPC for every later call. The transport must never let one through.
        var e = Assert.Throws<NsmDeviceException>(() => nsm.Exchange([], new byte[NsmLimits.ResponseMaxSize]));

        Assert.Equal(NsmErrorCode.InvalidArgument, e.ErrorCode);
        Assert.Equal(NsmLimits.RandomSize, NsmDevice.Send<GetRandomResponse>(nsm, GetRandomRequest.Instance).Random.Length);
    }

    [Fact]
    public void The_driver_itself_answers_an_oversized_request_with_EMSGSIZE_and_writes_nothing()
    {
        using var nsm = NsmDevice.OpenOrSkip(); // skips without a device
        using SafeFileHandle fd = Interop.open(NsmDevice.Path, Interop.O_RDWR | Interop.O_CLOEXEC);
        Assert.False(fd.IsInvalid);
        byte[] response = new byte[NsmLimits.ResponseMaxSize];
        response.AsSpan().Fill(0xEE);

        // Straight to the driver, past the transport's own check.
        int errno = Interop.NsmIoctlRaw(fd, new byte[NsmLimits.RequestMaxSize + 1], response, out ulong responseLength);

        log.WriteLine($"ioctl(4097-byte request): errno {errno} ({Interop.Errno.Name(errno)}), response.len 0x{responseLength:x}");
        Assert.Equal(Interop.Errno.EMSGSIZE, errno);
        Assert.Equal((ulong)NsmLimits.ResponseMaxSize, responseLength);
        Assert.True(response.AsSpan().IndexOfAnyExcept((byte)0xEE) < 0, "the driver wrote nothing");
        // Mapped, the driver's errno gives the error code the transport's own refusal carries.
        Assert.Equal(NsmErrorCode.InputTooLarge, NsmDeviceErrors.Create(errno, NsmDeviceErrors.Ioctl, NsmDevice.Path).ErrorCode);
    }

    [Fact]
    public void A_request_of_exactly_4096_bytes_is_executed()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        ushort index = NsmDevice.UnlockedPcrFrom(nsm, 18);
        // Size the extend data so that the whole CBOR request is exactly NSM_REQUEST_MAX_SIZE.
        int framing = NsmCbor.EncodeRequest(new ExtendPcrRequest(index, new byte[1000])).Length - 1000;
        byte[] data = new byte[NsmLimits.RequestMaxSize - framing];
        Random.Shared.NextBytes(data);
        byte[] request = NsmCbor.EncodeRequest(new ExtendPcrRequest(index, data));
        Assert.Equal(NsmLimits.RequestMaxSize, request.Length);
        byte[] old = NsmDevice.ReadPcr(nsm, index);

        var extended = Assert.IsType<ExtendPcrResponse>(NsmCbor.DecodeResponse(NsmDevice.Exchange(nsm, request, log)));

        Assert.Equal(NsmDevice.Extend(old, data), extended.Data.ToArray());
    }

    [Theory]
    [InlineData("ff")]                 // a lone CBOR "break"
    [InlineData("a1")]                 // a map with its entry missing
    [InlineData("00")]                 // the integer 0
    [InlineData("684e6f6e73656e7365")] // "Nonsense": an unknown unit variant
    [InlineData("a16b4465736372696265504352a165696e646578f5")] // DescribePCR with index = true
    public void A_garbage_request_gets_an_Error_response_not_an_errno(string requestHex)
    {
        using var nsm = NsmDevice.OpenOrSkip();

        byte[] response = NsmDevice.Exchange(nsm, Convert.FromHexString(requestHex), log);

        var error = Assert.IsType<ErrorResponse>(NsmCbor.DecodeResponse(response));
        log.WriteLine($"answer: Error({error.Code})");
    }

    [Fact]
    public void A_caller_buffer_smaller_than_0x3000_works_while_the_answer_fits()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] request = NsmCbor.EncodeRequest(new DescribePcrRequest(0));
        byte[] full = NsmDevice.Exchange(nsm, request);
        var small = new byte[full.Length];

        int length = nsm.Exchange(request, small);

        Assert.Equal(full, small.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void A_caller_buffer_too_small_for_the_answer_is_BufferTooSmall()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] request = NsmCbor.EncodeRequest(new DescribePcrRequest(0));

        var e = Assert.Throws<NsmException>(() => nsm.Exchange(request, new byte[16]));

        Assert.Equal(NsmErrorCode.BufferTooSmall, e.ErrorCode);
        Assert.Contains("caller's buffer holds 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eight_threads_share_one_transport()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        const int Threads = 8;
        const int CallsPerThread = 24;

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int call = 0; call < CallsPerThread; call++)
            {
                if (call % 2 == 0)
                {
                    Assert.Equal(NsmLimits.RandomSize, NsmDevice.Send<GetRandomResponse>(nsm, GetRandomRequest.Instance).Random.Length);
                }
                else
                {
                    Assert.Equal(48, NsmDevice.ReadPcr(nsm, (ushort)((thread + call) % NsmLimits.PcrCount)).Length);
                }
            }
        });
    }

    [Fact]
    public void Concurrent_extends_are_each_applied_exactly_once()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        ushort index = NsmDevice.UnlockedPcrFrom(nsm, 17);
        const int Threads = 8;
        const int ExtendsPerThread = 4;
        byte[] data = "concurrent"u8.ToArray();
        byte[] old = NsmDevice.ReadPcr(nsm, index);
        var answers = new byte[Threads * ExtendsPerThread][];

        // Every extend uses the same data, so the final value does not depend on the order, and
        // each answer must be a different link of one chain if the driver applied them one by one.
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int i = 0; i < ExtendsPerThread; i++)
            {
                answers[(thread * ExtendsPerThread) + i] =
                    NsmDevice.Send<ExtendPcrResponse>(nsm, new ExtendPcrRequest(index, data)).Data.ToArray();
            }
        });

        var chain = new List<string>();
        byte[] value = old;
        for (int i = 0; i < answers.Length; i++)
        {
            value = NsmDevice.Extend(value, data);
            chain.Add(Convert.ToHexString(value));
        }

        Assert.Equal(chain.Order(StringComparer.Ordinal), answers.Select(Convert.ToHexString).Order(StringComparer.Ordinal));
        Assert.Equal(value, NsmDevice.ReadPcr(nsm, index));
    }
}
