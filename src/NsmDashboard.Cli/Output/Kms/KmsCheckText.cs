using NsmDashboard.Kms;

namespace NsmDashboard.Cli.Output.Kms;

/// <summary>
/// The human-readable form of <c>nsm kms-policy check</c>: each relevant statement with its conditions marked
/// ✓ (holds), ✗ (does not hold) or · (not evaluated), the expected decision per operation, the findings, the verdict.
/// </summary>
internal static class KmsCheckText
{
    private const int Width = 8;

    public static void Write(TextWriter output, KeyPolicyCheck check)
    {
        Field(output, "document", $"{check.Evidence.Source}; read, not verified (KMS verifies it; run 'nsm verify' for that)");
        Field(output, "policy", $"{check.Policy.Statements.Count} statement(s), {check.Statements.Count} naming an operation that accepts a Recipient");
        foreach (var statement in check.Statements)
        {
            WriteStatement(output, statement);
        }

        output.WriteLine("operations (for the caller the attestation statements name)");
        var keyPolicy = check.Policy.Statements.Any(s => s.Principal is not null);
        foreach (var verdict in check.Operations)
        {
            if (keyPolicy && !verdict.Operation.UsesKey())
            {
                output.WriteLine($"  {verdict.Operation.ActionName(),-24}  uses no key: IAM policies decide, not this key policy");
                continue;
            }

            var with = Decision(verdict.WithDocument, verdict.WithDocument == ExpectedDecision.ExplicitDeny ? verdict.DeniedBy : verdict.AllowedBy);
            var without = Decision(verdict.WithoutAttestation, verdict.AllowedWithoutAttestationBy);
            output.WriteLine($"  {verdict.Operation.ActionName(),-24}  with the document: {with};  without attestation: {without}");
        }

        output.WriteLine("findings");
        if (check.Findings.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var finding in check.Findings)
        {
            output.WriteLine($"  {finding.Severity.ToString().ToUpperInvariant(),-7}  {finding.Kind}: {finding.Message}");
        }

        Field(output, "verdict", check.Verdict);
        Field(output, string.Empty, KeyPolicyCheck.Caveat);
        Field(output, "result", check.Passed
            ? "PASS: the attestation gate admits this document and no mistake is flagged"
            : check.GateAdmitsDocument
                ? "FAIL: the gate admits this document, but a mistake is flagged"
                : "FAIL: the attestation gate would not admit this document");
    }

    private static void WriteStatement(TextWriter output, StatementCheck check)
    {
        var statement = check.Statement;
        var who = statement.Principal?.ToString() ?? "the identity the policy is attached to";
        output.WriteLine($"statement {statement.Label} ({statement.Effect}; {string.Join(", ", check.Operations.Select(o => o.ActionName()))}; {who})");
        output.WriteLine($"  with the document: {Applies(check.AppliesWithDocument)};  without attestation: {Applies(check.AppliesWithoutAttestation)}");
        foreach (var condition in check.Conditions)
        {
            var mark = condition.WithDocument switch
            {
                ConditionOutcome.Holds => "✓",
                ConditionOutcome.Fails => "✗",
                _ => "·",
            };
            output.WriteLine($"  {mark} {condition.Condition.Operator.Written} {condition.Condition.Key}: {condition.Explanation}");
        }
    }

    private static string Applies(bool applies) => applies ? "applies" : "does not apply";

    private static string Decision(ExpectedDecision decision, IReadOnlyList<string> statements) => decision switch
    {
        ExpectedDecision.Allow => $"ALLOW ({string.Join(", ", statements)})",
        ExpectedDecision.ExplicitDeny => $"DENY ({string.Join(", ", statements)})",
        _ => "refused (nothing allows it)",
    };

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);
}
