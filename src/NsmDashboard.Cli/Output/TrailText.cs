using System.Globalization;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Output;

/// <summary>The human-readable form of <c>nsm audit verify</c>: the file, each chain with what proves it, the notes, the verdict.</summary>
internal static class TrailText
{
    private const int Width = 11;

    public static void Write(TextWriter output, string file, TrailReport report, bool strict)
    {
        Field(output, "trail", $"{file}: {(report.Stream is { } stream ? stream.Name() + " stream" : "no records")}, {N(report.Lines)} lines");
        foreach (var chain in report.Chains)
        {
            WriteChain(output, chain);
        }

        if (report.Notes.Count > 0)
        {
            output.WriteLine("notes");
            foreach (var note in report.Notes)
            {
                output.WriteLine($"  - {note}");
            }
        }

        Field(output, "verdict", Verdict(report, strict));
    }

    public static string Verdict(TrailReport report, bool strict)
    {
        if (report.Problem is { } problem)
        {
            var at = problem.Sequence is { } sequence ? $" at record {N(sequence)}" : string.Empty;
            var line = problem.Line > 0 ? $" (line {N(problem.Line)})" : string.Empty;
            return $"BROKEN{at}{line}: {problem.Kind}: {problem.Message}";
        }

        var chains = report.Chains.Count == 1 ? "1 chain" : $"{N(report.Chains.Count)} chains";
        var summary = $"{chains}, {N(report.Records)} records";
        if (report.IsComplete)
        {
            return $"INTACT: {summary}, every one proven by an attested checkpoint";
        }

        var unproven = report.Chains.Sum(c => c.Unproven);
        var lost = report.Chains.Sum(c => c.Gaps.Sum(g => g.Count));
        var caveats = new List<string>();
        if (unproven > 0)
        {
            caveats.Add($"{N(unproven)} unproven");
        }

        if (lost > 0)
        {
            caveats.Add($"{N(lost)} missing in gaps");
        }

        if (report.Chains.Any(c => c.Genesis is null))
        {
            caveats.Add("a chain without its genesis");
        }

        return $"{(strict ? "NOT PROVEN" : "INTACT")}: {summary}; {string.Join(", ", caveats)}";
    }

    private static void WriteChain(TextWriter output, TrailChainReport chain)
    {
        var id = chain.ChainId is { } chainId ? chainId.ToShortString() + "…" : "unknown";
        Field(output, $"chain {N(chain.Index)}", chain.Genesis is { } genesis
            ? $"module {genesis.ModuleId}, started {EvidenceTime.ToText(genesis.Time)}, process {genesis.ProcessId}, id {id}"
            : $"begins mid-chain (no genesis in the file), id {id}");
        Field(output, "  records", $"{N(chain.FirstSequence)}–{N(chain.LastSequence)} ({N(chain.Records)} in the file)");
        if (chain.Gaps.Count > 0)
        {
            Field(output, "  gaps", string.Join("; ", chain.Gaps.Select(g =>
                $"{N(g.From)}–{N(g.Through)}: {N(g.Lost)} lost in the enclave, {N(g.Exported)} exported elsewhere")));
        }

        var proving = chain.Checkpoints.Where(c => c.Proves).ToList();
        if (proving.Count == 0)
        {
            Field(output, "  proven", "no checkpoint");
        }
        else
        {
            var newest = proving[^1];
            var verification = newest.Verification;
            var nonce = verification.Document?.Nonce.TryGetBytes(out var bytes) == true ? $", nonce {Convert.ToHexStringLower(bytes.Span)[..Math.Min(16, bytes.Length * 2)]}…" : string.Empty;
            Field(output, "  proven", $"through record {N(chain.ProvenThrough!.Value)} by {N(proving.Count)} checkpoint(s); newest: record {N(newest.Checkpoint.Sequence)}, "
                + $"{(verification.Timestamp is { } time ? TextFormat.Time(time) : "no time")}, taken {newest.Taken}{nonce}, root {verification.Attestation.TrustRoot.Name} ({VerifyReport.RootKindName(verification.Attestation.TrustRoot.Kind)})");
        }

        if (chain.Unproven > 0)
        {
            Field(output, "  unproven", $"records {N(chain.LastSequence - chain.Unproven + 1)}–{N(chain.LastSequence)}");
        }
    }

    private static void Field(TextWriter output, string name, string value) => output.WriteLine($"{name.PadRight(Width)} {value}");

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
