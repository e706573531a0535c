using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// The human-readable form of <c>nsm verify</c>: the document and root, every check in order marked
/// ✓ (passed), ✗ (failed) or – (not applicable or skipped) with its evidence and itemised details, then the verdict.
/// </summary>
internal static class VerifyText
{
    private const int Width = 11;

    public static void Write(TextWriter output, VerifyReport report)
    {
        var result = report.Result;
        var root = result.TrustRoot;
        Field(output, "document", string.Create(CultureInfo.InvariantCulture, $"{report.Source} ({report.InputFormat}, {report.Length} bytes)"));
        Field(output, "kind", report.KindText);
        Field(output, "root", $"{root.Name} ({VerifyReport.RootKindName(root.Kind)}): {root.Subject}");
        Field(output, "root sha256", root.Sha256);
        if (report.RootChoice is { } choice)
        {
            Field(output, "root choice", choice.Explanation);
        }

        Field(output, "time", $"{TextFormat.Time(result.ValidationTime)} ({VerifyReport.TimeKindName(report.ValidationTime.Kind)})");
        Field(output, "time choice", report.ValidationTime.Explanation);
        output.WriteLine("checks");
        WriteChecks(output, result.Checks);
        foreach (var warning in report.Warnings)
        {
            Field(output, "warning", warning);
        }

        Field(output, "verdict", report.Verdict);
        if (report.Advice is { } advice)
        {
            Field(output, "advice", advice);
        }
    }

    /// <summary>Every check in order, marked ✓, ✗ or –, with its evidence and itemised details.</summary>
    public static void WriteChecks(TextWriter output, IEnumerable<AttestationCheck> checks)
    {
        foreach (var check in checks)
        {
            var suffix = check.Status switch
            {
                AttestationCheckStatus.NotApplicable => " (not applicable)",
                AttestationCheckStatus.Skipped => " (skipped)",
                _ => string.Empty,
            };
            output.WriteLine($"  {Symbol(check.Status)} {check.Name}{suffix}: {check.Evidence}");
            foreach (var detail in check.Details)
            {
                var mark = detail.Ok switch
                {
                    true => "✓",
                    false => "✗",
                    null => "·",
                };
                output.WriteLine($"      {mark} {detail.Label}: {detail.Value}");
            }
        }
    }

    private static string Symbol(AttestationCheckStatus status) => status switch
    {
        AttestationCheckStatus.Passed => "✓",
        AttestationCheckStatus.Failed => "✗",
        _ => "–",
    };

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);
}
