using System.Runtime.Versioning;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Device;

/// <summary>
/// Round trips through the real Linux driver. They run where <c>/dev/nsm</c> exists (the rig VM:
/// <c>tests/rig/run-device-tests.sh</c>, or a Nitro Enclave) and skip elsewhere. They hold on both
/// QEMU's device and Nitro hardware: no assumption about which PCRs are locked at boot, extends go
/// to an unlocked PCR from 16 up.
/// </summary>
[SupportedOSPlatform("linux")] // each test skips on other systems before touching the device
[Trait("Category", "Device")]
[Collection(NsmDevice.Collection)]
public sealed class LinuxNsmTransportDeviceTests(ITestOutputHelper log)
{
    [Fact]
    public void DescribeNsm_round_trip()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] request = NsmCbor.EncodeRequest(DescribeNsmRequest.Instance);
        Assert.Equal("6b44657363726962654e534d", Convert.ToHexStringLower(request)); // docs/nsm-messages.md#hex-vectors

        byte[] response = NsmDevice.Exchange(nsm, request, log);

        // {"DescribeNSM": {...}}: a one-entry map keyed by the variant name (docs/nsm-messages.md#responses).
        Assert.StartsWith("a16b44657363726962654e534d", Convert.ToHexStringLower(response), StringComparison.Ordinal);
        var describe = Assert.IsType<DescribeNsmResponse>(NsmCbor.DecodeResponse(response));
        log.WriteLine($"version {describe.Version}, module {describe.ModuleId}, max_pcrs {describe.MaxPcrs}, locked [{string.Join(',', describe.LockedPcrs)}], {describe.Digest}");
        Assert.Equal(1, describe.VersionMajor);
        Assert.Equal(NsmLimits.PcrCount, describe.MaxPcrs);
        Assert.Equal(NsmDigest.Sha384, describe.Digest);
        Assert.False(string.IsNullOrWhiteSpace(describe.ModuleId));
        Assert.All(describe.LockedPcrs, index => Assert.InRange(index, 0, NsmLimits.PcrCount - 1));
        Assert.Equal(describe.LockedPcrs.Order(), describe.LockedPcrs);
    }

    [Theory]
    [InlineData(0, "a16b4465736372696265504352a165696e64657800")]
    [InlineData(16, "a16b4465736372696265504352a165696e64657810")]
    public void DescribePcr_round_trip(ushort index, string requestHex)
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] request = NsmCbor.EncodeRequest(new DescribePcrRequest(index));
        Assert.Equal(requestHex, Convert.ToHexStringLower(request)); // docs/nsm-messages.md#hex-vectors

        var pcr = Assert.IsType<DescribePcrResponse>(NsmCbor.DecodeResponse(NsmDevice.Exchange(nsm, request, log)));

        Assert.Equal(48, pcr.Data.Length);
        // The lock flag agrees with DescribeNSM's locked set, whichever set this NSM has.
        var describe = NsmDevice.Send<DescribeNsmResponse>(nsm, DescribeNsmRequest.Instance);
        Assert.Equal(describe.LockedPcrs.Contains(index), pcr.Lock);
    }

    [Fact]
    public void ExtendPcr_computes_SHA384_of_old_and_data()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        ushort index = NsmDevice.UnlockedPcrFrom(nsm, 16);
        byte[] data = [0x01, 0x02, 0x03];
        byte[] old = NsmDevice.ReadPcr(nsm, index);
        byte[] request = NsmCbor.EncodeRequest(new ExtendPcrRequest(index, data));
        if (index == 16)
        {
            Assert.Equal("a169457874656e64504352a265696e646578106464617461430102" + "03", Convert.ToHexStringLower(request)); // docs/nsm-messages.md#hex-vectors
        }

        var extended = Assert.IsType<ExtendPcrResponse>(NsmCbor.DecodeResponse(NsmDevice.Exchange(nsm, request, log)));

        byte[] expected = NsmDevice.Extend(old, data);
        Assert.Equal(expected, extended.Data.ToArray());
        Assert.Equal(expected, NsmDevice.ReadPcr(nsm, index));
        if (old.All(b => b == 0))
        {
            // The value docs/nsm-messages.md#hex-vectors gives for a zeroed PCR extended with 010203.
            Assert.Equal(
                "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e",
                Convert.ToHexStringLower(expected));
        }
    }

    [Fact]
    public void GetRandom_returns_256_fresh_bytes()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] request = NsmCbor.EncodeRequest(GetRandomRequest.Instance);
        Assert.Equal("6947657452616e646f6d", Convert.ToHexStringLower(request)); // docs/nsm-messages.md#hex-vectors

        byte[] first = NsmDevice.Exchange(nsm, request, log);
        byte[] second = NsmDevice.Exchange(nsm, request);

        // The prefix the kernel's own hwrng path checks: {"GetRandom": {"random": bstr(256)}}.
        Assert.StartsWith("a16947657452616e646f6da16672616e646f6d590100", Convert.ToHexStringLower(first), StringComparison.Ordinal);
        var a = Assert.IsType<GetRandomResponse>(NsmCbor.DecodeResponse(first));
        var b = Assert.IsType<GetRandomResponse>(NsmCbor.DecodeResponse(second));
        Assert.Equal(NsmLimits.RandomSize, a.Random.Length);
        Assert.Equal(NsmLimits.RandomSize, b.Random.Length);
        Assert.False(a.Random.Span.SequenceEqual(b.Random.Span));
    }

    [Fact]
    public void Attestation_document_carries_the_nonce()
    {
        using var nsm = NsmDevice.OpenOrSkip();
        byte[] nonce = Convert.FromHexString("6e736d2d6465766963652d74657374aabbccdd");

        var attestation = NsmDevice.Send<AttestationResponse>(nsm, new AttestationRequest(Nonce: nonce), log);

        // An untagged COSE_Sign1 (array of 4) on both QEMU (unsigned) and Nitro (signed), docs/attestation-document.md#cose-sign1.
        Assert.Equal(0x84, attestation.Document.Span[0]);
        Assert.True(attestation.Document.Span.IndexOf(nonce) > 0, "the nonce is in the document's payload");
    }
}
