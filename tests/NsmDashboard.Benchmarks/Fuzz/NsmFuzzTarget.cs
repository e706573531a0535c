using NsmDashboard.Nsm.Tests.Fuzz;

namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary><c>fuzz nsm</c>: the NSM tests' harness (response decoder, client, emulator request decoder).</summary>
internal sealed class NsmFuzzTarget(int seed) : IFuzzTarget
{
    private readonly NsmFuzzHarness _harness = new(seed);
    private byte[] _current = [];

    public ReadOnlyMemory<byte> Current => _current;

    public bool SingleThreaded => true;

    public IEnumerable<string> Describe() =>
        _harness.Responses.Select(r => $"response to {r.Request.Name}: {r.Bytes.Length} bytes")
            .Append("one input in four: a mutated request to the emulator");

    public (string Outcome, string Mutation) Run(long index)
    {
        var input = _harness.Next(index);
        _current = input.Bytes;
        return (_harness.Check(index, input), input.Mutation);
    }

    public void Dispose() => _harness.Dispose();
}
