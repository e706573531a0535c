using System.Text.Json;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Output;

/// <summary>The JSON form of <c>nsm audit verify --json</c> (and the trail part of <c>nsm eventlog replay --json</c>).</summary>
internal static class TrailJson
{
    public static void Write(TextWriter output, string file, TrailReport report, bool strict) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            WriteMembers(writer, file, report, strict);
            writer.WriteEndObject();
        });

    public static void WriteMembers(Utf8JsonWriter writer, string file, TrailReport report, bool strict)
    {
        writer.WriteString("file", file);
        if (report.Stream is { } stream)
        {
            writer.WriteString("stream", stream.Name());
        }
        else
        {
            writer.WriteNull("stream");
        }

        writer.WriteNumber("lines", report.Lines);
        writer.WriteString("verdict", report.IsIntact ? (strict && !report.IsComplete ? "notProven" : "intact") : "broken");
        writer.WriteBoolean("intact", report.IsIntact);
        writer.WriteBoolean("fullyProven", report.IsFullyProven);
        writer.WriteBoolean("complete", report.IsComplete);
        writer.WriteNumber("records", report.Records);
        if (report.Problem is { } problem)
        {
            writer.WriteStartObject("problem");
            writer.WriteString("kind", problem.Kind.ToString());
            writer.WriteNumber("line", problem.Line);
            if (problem.Sequence is { } sequence)
            {
                writer.WriteNumber("sequence", sequence);
            }
            else
            {
                writer.WriteNull("sequence");
            }

            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("problem");
        }

        writer.WriteStartArray("chains");
        foreach (var chain in report.Chains)
        {
            WriteChain(writer, chain);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("notes");
        foreach (var note in report.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
    }

    private static void WriteChain(Utf8JsonWriter writer, TrailChainReport chain)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", chain.Index);
        writer.WriteString("chainId", chain.ChainId?.ToString());
        if (chain.Genesis is { } genesis)
        {
            writer.WriteString("moduleId", genesis.ModuleId);
            writer.WriteString("processStart", EvidenceTime.ToText(genesis.Time));
            writer.WriteString("processId", genesis.ProcessId);
        }

        writer.WriteBoolean("genesis", chain.Genesis is not null);
        writer.WriteNumber("firstSequence", chain.FirstSequence);
        writer.WriteNumber("lastSequence", chain.LastSequence);
        writer.WriteNumber("records", chain.Records);
        if (chain.ProvenThrough is { } proven)
        {
            writer.WriteNumber("provenThrough", proven);
        }
        else
        {
            writer.WriteNull("provenThrough");
        }

        writer.WriteNumber("unproven", chain.Unproven);
        writer.WriteStartArray("gaps");
        foreach (var gap in chain.Gaps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("from", gap.From);
            writer.WriteNumber("through", gap.Through);
            writer.WriteBoolean("atStart", gap.AtStart);
            writer.WriteNumber("lost", gap.Lost);
            writer.WriteNumber("exported", gap.Exported);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("checkpoints");
        foreach (var checkpoint in chain.Checkpoints)
        {
            var verification = checkpoint.Verification;
            writer.WriteStartObject();
            writer.WriteNumber("sequence", checkpoint.Checkpoint.Sequence);
            writer.WriteBoolean("proves", checkpoint.Proves);
            writer.WriteNumber("line", checkpoint.Line);
            writer.WriteString("source", checkpoint.Source);
            writer.WriteString("taken", checkpoint.Taken);
            if (verification.Timestamp is { } time)
            {
                writer.WriteTime("timestamp", time);
            }

            writer.WriteString("moduleId", verification.ModuleId);
            writer.WriteString("root", verification.Attestation.TrustRoot.Name);
            writer.WriteString("rootKind", VerifyReport.RootKindName(verification.Attestation.TrustRoot.Kind));
            if (verification.Document?.Nonce.TryGetBytes(out var nonce) == true)
            {
                writer.WriteHex("nonce", nonce.Span);
            }

            writer.WriteBoolean("pcrTable", checkpoint.Pcrs is not null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
