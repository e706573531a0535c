namespace NsmDashboard.Nsm.Tests.Fuzz;

/// <summary>
/// Property test: mutated NSM responses only ever decode or give a typed protocol error, and the client agrees with the
/// decoder; mutated requests only ever get an answer from the emulator. CI runs <see cref="DefaultInputs"/>; set
/// <c>NSM_FUZZ_INPUTS</c> for longer runs — the benchmarks' fuzz runner runs 10⁶ through the same harness.
/// </summary>
public sealed class NsmFuzzTests
{
    /// <summary>Inputs per test run in CI.</summary>
    public const int DefaultInputs = 4000;

    private const int Seed = 20240611;

    private static int Inputs =>
        int.TryParse(Environment.GetEnvironmentVariable("NSM_FUZZ_INPUTS"), out var n) && n > 0 ? n : DefaultInputs;

    [Fact]
    public void Mutated_messages_give_only_typed_errors_or_values()
    {
        var outcomes = NsmFuzzHarness.Run(Inputs, Seed);

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Inputs, outcomes.Values.Sum());
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("response: protocol error:", StringComparison.Ordinal)) >= 5, "mutations should reach several decode errors");
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("response: decoded", StringComparison.Ordinal)) >= 5, "mutations should still decode to several variants");
        Assert.Contains(outcomes.Keys, k => k.StartsWith("request: answered Error", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_input_replays_alone()
    {
        using var harness = new NsmFuzzHarness(Seed);
        using var again = new NsmFuzzHarness(Seed);

        Assert.Equal(harness.Next(777).Bytes, again.Next(777).Bytes);
        Assert.Equal(harness.Next(778).Mutation, again.Next(778).Mutation);
    }
}
