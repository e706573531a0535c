namespace NsmDashboard.Web.Api.Tests.Fuzz;

/// <summary>
/// Property test: mutated JSON bodies of every POST route only ever get a success or a typed problem from the real app.
/// CI runs <see cref="DefaultInputs"/> (with a fresh app halfway); set <c>NSM_API_FUZZ_INPUTS</c> for longer runs — the
/// benchmarks' fuzz runner runs 10⁶ through the same harness.
/// </summary>
public sealed class ApiFuzzTests
{
    /// <summary>Inputs per test run in CI.</summary>
    public const int DefaultInputs = 2000;

    private const int Seed = 20240611;

    private static int Inputs =>
        int.TryParse(Environment.GetEnvironmentVariable("NSM_API_FUZZ_INPUTS"), out var n) && n > 0 ? n : DefaultInputs;

    [Fact]
    public async Task Mutated_bodies_get_only_successes_or_typed_problems()
    {
        await using var harness = new ApiFuzzHarness(Seed, TimeSpan.FromSeconds(60), inputsPerApp: DefaultInputs / 2);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Inputs; i++)
        {
            await harness.PrepareAsync(i);
            var outcome = await harness.CheckAsync(i, harness.Next(i));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Inputs, outcomes.Values.Sum());
        foreach (var route in harness.Routes)
        {
            // Every route both accepts some mutated bodies and refuses others with a typed problem.
            Assert.Contains(outcomes.Keys, k => k.StartsWith(route.Name + ": 2", StringComparison.Ordinal));
            Assert.Contains(outcomes.Keys, k => k.StartsWith(route.Name + ": 4", StringComparison.Ordinal));
        }
    }
}
