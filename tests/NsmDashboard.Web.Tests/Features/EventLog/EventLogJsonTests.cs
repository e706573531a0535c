using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;

namespace NsmDashboard.Web.Tests.Features.EventLog;

public sealed class EventLogJsonTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure
        .WithMaxTest(100)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(3UL, 9UL), FSharpOption<int>.None)));

    [Fact]
    public void An_export_imports_to_the_same_log_and_replays_alike()
    {
        var steps = Gen.ArrayOf(
            from index in Gen.Choose(16, 19)
            from data in ArbMap.Default.GeneratorFor<byte[]>()
            from isPrivate in Gen.Elements(false, true)
            select (Index: (ushort)index, Data: data, Private: isPrivate)).ToArbitrary();

        Prop.ForAll(steps, input =>
        {
            var log = Build(input);
            var json = JsonSerializer.Serialize(EventLogJson.Export(log, 10), JsonSerializerOptions.Web);

            var ok = EventLogJson.TryImport(JsonSerializer.Deserialize<EventLogDocument>(json, JsonSerializerOptions.Web), out var imported, out var error);

            return ok && error is null
                && imported!.Entries.Count == log.Entries.Count
                && imported.Entries.Zip(log.Entries).All(p => p.First.Sequence == p.Second.Sequence && p.First.IsPrivate == p.Second.IsPrivate
                    && p.First.After.Span.SequenceEqual(p.Second.After.Span))
                && log.Indices.All(i => imported.Replay(i, null, false).ReplayedHex == log.Replay(i, null, false).ReplayedHex);
        }).Check(Config);
    }

    [Theory]
    [InlineData("{\"entries\": [{\"sequence\": 2, \"index\": 16}, {\"sequence\": 1, \"index\": 16}]}", "entries[0]")]
    [InlineData("{\"entries\": [{\"sequence\": 1, \"index\": 40}]}", "entries[0].index")]
    [InlineData("{\"entries\": [], \"gaps\": [{\"index\": 3}]}", "gaps[0]")]
    public void A_bad_import_names_the_member(string json, string member)
    {
        var ok = EventLogJson.TryImport(JsonSerializer.Deserialize<EventLogDocument>(json, JsonSerializerOptions.Web), out _, out var error);

        Assert.False(ok);
        Assert.Contains(member, error, StringComparison.Ordinal);
    }

    private static PcrEventLogSnapshot Build((ushort Index, byte[] Data, bool Private)[] steps)
    {
        var values = new Dictionary<ushort, ReadOnlyMemory<byte>>();
        var entries = new List<PcrEventLogEntry>();
        foreach (var (index, data, isPrivate) in steps)
        {
            var before = values.GetValueOrDefault(index, new byte[48]);
            var after = PcrExtension.Fold(before.Span, data);
            values[index] = after;
            entries.Add(new PcrEventLogEntry(entries.Count + 1, index, Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(data)),
                data.Length, isPrivate ? (ReadOnlyMemory<byte>?)null : data, before, after, "test", DateTimeOffset.UnixEpoch));
        }

        return new PcrEventLogSnapshot(entries, new Dictionary<ushort, long>());
    }
}
