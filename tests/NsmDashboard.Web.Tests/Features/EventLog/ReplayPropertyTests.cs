using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Configuration;
using Microsoft.FSharp.Core;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Tests.Features.EventLog;

/// <summary>
/// Property tests (FsCheck): against a real emulator, any interleaving of logged extends (public or private) and
/// extends made straight through the transport replays to exactly what a model of the log predicts.
/// </summary>
public sealed class ReplayPropertyTests
{
    // Seeded so a failure reproduces; FsCheck prints the seed and the shrunk counterexample.
    private static readonly Config Config = Config.QuickThrowOnFailure
        .WithMaxTest(60)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(17UL, 5UL), FSharpOption<int>.None)));

    private static readonly ushort[] Pcrs = [16, 17, 31];

    /// <summary>One extend: which PCR, with what, private or not, and through the dashboard or around it.</summary>
    public sealed record ExtendStep(ushort Index, byte[] Data, bool Private, bool OutOfBand);

    private static Arbitrary<ExtendStep[]> Steps() =>
        Gen.ArrayOf(
            from index in Gen.Elements(Pcrs)
            from data in ArbMap.Default.GeneratorFor<byte[]>().Where(d => d.Length is >= 1 and <= 64)
            from isPrivate in Gen.Elements(false, true)
            from outOfBand in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
            select new ExtendStep(index, data, isPrivate, outOfBand))
        .ToArbitrary();

    [Fact]
    public void Replay_explains_logged_extends_and_finds_the_first_extend_made_outside()
    {
        Prop.ForAll(Steps(), steps => CheckAsync(steps).GetAwaiter().GetResult()).Check(Config);
    }

    [Fact]
    public void Replay_without_extends_made_outside_folds_to_the_live_value()
    {
        Prop.ForAll(Steps(), steps => CheckAsync([.. steps.Select(s => s with { OutOfBand = false })]).GetAwaiter().GetResult()).Check(Config);
    }

    private static async Task<bool> CheckAsync(ExtendStep[] steps)
    {
        using var emulator = new NsmEmulator(new NsmEmulatorOptions());
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<INsmTransport>(emulator)
            .AddNsmDashboardCore();
        await using var provider = services.BuildServiceProvider();
        var operations = provider.GetRequiredService<NsmOperations>();
        var replay = provider.GetRequiredService<PcrReplayService>();
        var direct = new NsmClient(emulator);
        var caller = NsmCaller.Api("property") with { User = "property", Role = NsmRoles.Operator };

        // The model: per PCR, the sequence number of the last logged extend before the first extend made outside.
        long sequence = 0;
        var lastLogged = Pcrs.ToDictionary(i => i, _ => 0L);
        var divergedAfter = new Dictionary<ushort, long>();
        foreach (var step in steps)
        {
            if (step.OutOfBand)
            {
                await direct.ExtendPcrAsync(step.Index, step.Data);
                divergedAfter.TryAdd(step.Index, lastLogged[step.Index]);
            }
            else
            {
                await operations.ExtendPcrAsync(step.Index, step.Data, caller, new ExtendDataOptions(Private: step.Private));
                lastLogged[step.Index] = ++sequence;
            }
        }

        foreach (var index in Pcrs)
        {
            var result = await replay.ReplayAsync(index);
            var ok = divergedAfter.TryGetValue(index, out var expected)
                ? result.Verdict == PcrReplayVerdict.ChangedOutside && result.DivergesAfter == expected
                : result.Verdict == PcrReplayVerdict.Explained && result.ReplayedHex == result.ActualHex && result.DivergesAfter is null;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
