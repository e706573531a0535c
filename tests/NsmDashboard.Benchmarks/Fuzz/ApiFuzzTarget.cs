using NsmDashboard.Web.Api.Tests.Fuzz;

namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary><c>fuzz api</c>: the API tests' harness — mutated JSON bodies of every POST route through the real app in memory.</summary>
internal sealed class ApiFuzzTarget : IFuzzTarget
{
    private readonly ApiFuzzHarness _harness;
    private byte[] _current = [];

    private ApiFuzzTarget(ApiFuzzHarness harness) => _harness = harness;

    public ReadOnlyMemory<byte> Current => _current;

    // The request runs on thread-pool threads of the in-memory server: count every thread's allocations.
    public bool SingleThreaded => false;

    public static ApiFuzzTarget Create(int seed, TimeSpan timeout)
    {
        var harness = new ApiFuzzHarness(seed, timeout);
        harness.PrepareAsync(0).GetAwaiter().GetResult();
        return new ApiFuzzTarget(harness);
    }

    public IEnumerable<string> Describe() =>
        _harness.Routes.Select(r => $"{r.Name}: POST {r.Path}, {r.Seeds.Length} seed bodies")
            .Append($"a fresh app (emulator, stores) every {_harness.InputsPerApp:N0} inputs");

    public void Prepare(long index) => _harness.PrepareAsync(index).GetAwaiter().GetResult();

    public (string Outcome, string Mutation) Run(long index)
    {
        var input = _harness.Next(index);
        _current = input.Body;
        return (_harness.CheckAsync(index, input).GetAwaiter().GetResult(), input.Mutation);
    }

    public void Dispose() => _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
