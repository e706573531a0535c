namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process (managed heap growth, idle timers) run alone, after the parallel ones:
/// the 64 MB transfers and 1 000-connection tests of other classes would otherwise move the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
