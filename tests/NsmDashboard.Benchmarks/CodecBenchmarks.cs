using BenchmarkDotNet.Attributes;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Benchmarks;

/// <summary>The NSM codec alone: every request and response, encoded into a span and decoded. Target ≤ 1 µs.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly byte[] s_pcr = Convert.FromHexString(
        "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e");

    private readonly byte[] _buffer = new byte[NsmLimits.ResponseMaxSize];
    private byte[] _encoded = [];

    /// <summary>The message under test.</summary>
    [ParamsSource(nameof(Messages))]
    public Message Case { get; set; } = null!;

    public static IEnumerable<Message> Messages() =>
    [
        new("DescribePCR req", new DescribePcrRequest(16)),
        new("ExtendPCR req", new ExtendPcrRequest(16, new byte[] { 1, 2, 3 })),
        new("LockPCR req", new LockPcrRequest(16)),
        new("LockPCRs req", new LockPcrsRequest(32)),
        new("DescribeNSM req", DescribeNsmRequest.Instance),
        new("Attestation req", new AttestationRequest(new byte[32], new byte[20], null)),
        new("GetRandom req", GetRandomRequest.Instance),
        new("DescribePCR resp", new DescribePcrResponse(false, s_pcr)),
        new("ExtendPCR resp", new ExtendPcrResponse(s_pcr)),
        new("LockPCR resp", LockPcrResponse.Instance),
        new("DescribeNSM resp", new DescribeNsmResponse(1, 0, 0, "i-00c89f181802cdef4-enc0175cd0dcee36866", 32,
            Enumerable.Range(0, 16).Select(i => (ushort)i).ToArray(), NsmDigest.Sha384)),
        new("Attestation resp", new AttestationResponse(new byte[4400])),
        new("GetRandom resp", new GetRandomResponse(new byte[256])),
        new("Error resp", new ErrorResponse(NsmErrorCode.ReadOnlyIndex)),
    ];

    [GlobalSetup]
    public void Setup() => _encoded = Case.Value is NsmRequest request
        ? NsmCbor.EncodeRequest(request)
        : NsmCbor.EncodeResponse((NsmResponse)Case.Value);

    [Benchmark]
    public int Encode() => Case.Value is NsmRequest request
        ? NsmCbor.EncodeRequest(request, _buffer)
        : NsmCbor.EncodeResponse((NsmResponse)Case.Value, _buffer);

    [Benchmark]
    public object Decode() => Case.Value is NsmRequest
        ? NsmCbor.DecodeRequest(_encoded)
        : NsmCbor.DecodeResponse(_encoded);

    /// <summary>A named message, so the results table reads well.</summary>
    public sealed record Message(string Name, object Value)
    {
        public override string ToString() => Name;
    }
}
