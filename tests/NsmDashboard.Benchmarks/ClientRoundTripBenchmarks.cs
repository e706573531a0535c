using BenchmarkDotNet.Attributes;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// A full client call on the emulator: encode, exchange through the byte seam (the emulator decodes,
/// acts and encodes), decode. Targets: DescribePCR ≤ 5 µs and ≤ 1 KB allocated.
/// </summary>
[MemoryDiagnoser]
public class ClientRoundTripBenchmarks
{
    private static readonly byte[] s_data = [1, 2, 3];
    private static readonly AttestationRequest s_attestation = new(UserData: new byte[32], Nonce: new byte[20]);

    private NsmEmulator _emulator = null!;
    private NsmClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = new NsmEmulator();
        _client = new NsmClient(_emulator);
    }

    [GlobalCleanup]
    public void Cleanup() => _emulator.Dispose();

    [Benchmark]
    public ValueTask<DescribePcrResponse> DescribePcr() => _client.DescribePcrAsync(16);

    [Benchmark]
    public ValueTask<ReadOnlyMemory<byte>> ExtendPcr() => _client.ExtendPcrAsync(16, s_data);

    [Benchmark]
    public ValueTask<ReadOnlyMemory<byte>> GetRandom() => _client.GetRandomAsync();

    [Benchmark]
    public ValueTask<ReadOnlyMemory<byte>> Attestation() => _client.GetAttestationDocumentAsync(s_attestation);
}
