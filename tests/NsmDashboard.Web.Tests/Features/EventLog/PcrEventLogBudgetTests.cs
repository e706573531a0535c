using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Tests.Features.EventLog;

// The data budget: old data is let go, the entries stay, and replay still explains the PCR.
public sealed class PcrEventLogBudgetTests
{
    [Fact]
    public void Data_over_the_budget_is_let_go_oldest_first_and_replay_still_explains()
    {
        var log = new PcrEventLog(Options.Create(new PcrEventLogOptions { Capacity = 10, MaxDataBytes = 5 }));
        var value = new byte[48];
        for (var i = 0; i < 4; i++)
        {
            byte[] data = [(byte)i, (byte)i];
            var next = PcrExtension.Fold(value, data).ToArray();
            log.Record(new NsmOperationRecord(DateTimeOffset.UnixEpoch, NsmCaller.Api("t"), NsmOperationKind.ExtendPcr, 16, NsmOperationOutcome.Succeeded)
            {
                Data = data,
                DataSha384 = Convert.ToHexStringLower(SHA384.HashData(data)),
                DataLength = data.Length,
                Before = [new PcrState(16, false, value)],
                After = [new PcrState(16, false, next)],
            });
            value = next;
        }

        var snapshot = log.Snapshot();

        Assert.Equal([true, true, false, false], snapshot.Entries.Select(e => e.DataDropped));
        Assert.All(snapshot.Entries, e => Assert.False(e.IsPrivate));
        Assert.Equal(4, log.DataBytes);
        Assert.Equal(4, snapshot.Entries.Count);
        Assert.Equal(PcrReplayVerdict.Explained, snapshot.Replay(16, value, actualLocked: false).Verdict);
    }
}
