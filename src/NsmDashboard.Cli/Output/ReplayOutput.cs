using System.Globalization;
using NsmDashboard.Evidence.Replay;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Output;

/// <summary>The text and JSON forms of <c>nsm eventlog replay</c>: the trail's verdict, then each PCR replayed.</summary>
internal static class ReplayOutput
{
    public static void WriteText(TextWriter output, string file, TrailReport trail, EventLogReplayReport? replay)
    {
        TrailText.Write(output, file, trail, strict: false);
        if (replay is null)
        {
            return;
        }

        output.WriteLine(replay.ComparedWith is { } checkpoint
            ? $"replay      compared with the PCRs read with checkpoint record {N(checkpoint.Checkpoint.Sequence)} of chain {N(replay.ComparedChain!.Value)} ({(checkpoint.Verification.Timestamp is { } time ? TextFormat.Time(time) : "no time")})"
            : "replay      no proven checkpoint carries a PCR table: the log is folded, not compared");
        foreach (var pcr in replay.Pcrs.Where(Interesting))
        {
            var values = pcr.Replayed is null && pcr.Attested is null
                ? string.Empty
                : $" (replayed {Short(pcr.Replayed)}, attested {Short(pcr.Attested)})";
            output.WriteLine($"  PCR{N(pcr.Index),-3} {Name(pcr.Verdict),-16} {N(pcr.Extends)} extend(s){values}: {pcr.Reason}");
        }

        var untouched = replay.Pcrs.Count(p => !Interesting(p));
        if (untouched > 0)
        {
            output.WriteLine($"  ({N(untouched)} more PCRs: never extended, or boot-measured and untouched)");
        }
    }

    public static void WriteJson(TextWriter output, string file, TrailReport trail, EventLogReplayReport? replay) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            TrailJson.WriteMembers(writer, file, trail, strict: false);
            if (replay is null)
            {
                writer.WriteNull("replay");
                writer.WriteEndObject();
                return;
            }

            writer.WriteStartObject("replay");
            if (replay.ComparedWith is { } checkpoint)
            {
                writer.WriteNumber("comparedChain", replay.ComparedChain!.Value);
                writer.WriteNumber("comparedSequence", checkpoint.Checkpoint.Sequence);
            }
            else
            {
                writer.WriteNull("comparedSequence");
            }

            writer.WriteStartArray("pcrs");
            foreach (var pcr in replay.Pcrs)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", pcr.Index);
                writer.WriteString("verdict", Name(pcr.Verdict));
                writer.WriteNumber("extends", pcr.Extends);
                writer.WriteString("replayed", pcr.Replayed);
                writer.WriteString("attested", pcr.Attested);
                if (pcr.Locked is { } locked)
                {
                    writer.WriteBoolean("locked", locked);
                }

                if (pcr.DivergesAfter is { } after)
                {
                    writer.WriteNumber("divergesAfter", after);
                }

                writer.WriteString("reason", pcr.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary>The verdict's name, as the dashboard's replay API spells it.</summary>
    public static string Name(ReplayVerdict verdict) => verdict switch
    {
        ReplayVerdict.Explained => "explained",
        ReplayVerdict.ChangedOutside => "changedOutside",
        ReplayVerdict.Incomplete => "incomplete",
        ReplayVerdict.BootMeasured => "bootMeasured",
        _ => "notCompared",
    };

    // The text lists what the log touched and what it cannot explain; an untouched zero PCR or boot measurement is noise.
    private static bool Interesting(PcrReplayLine pcr) =>
        pcr.Extends > 0 || pcr.Verdict is ReplayVerdict.ChangedOutside or ReplayVerdict.Incomplete;

    private static string Short(string? hex) => hex is null ? "—" : hex[..Math.Min(12, hex.Length)] + "…";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
