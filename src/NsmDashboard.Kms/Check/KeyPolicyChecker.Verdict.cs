using System.Text;

namespace NsmDashboard.Kms;

public static partial class KeyPolicyChecker
{
    // The verdict in plain words: what KMS would be expected to do with the document and without one, and why.
    private static string WriteVerdict(List<StatementCheck> statements, List<OperationVerdict> verdicts, AttestationEvidence evidence)
    {
        var keyPolicy = statements.Any(s => s.Statement.Principal is not null);
        var relevant = verdicts.Where(v => !keyPolicy || v.Operation.UsesKey()).ToList();
        var platform = AttestationDocumentKinds.NameOf(evidence.Kind);
        var text = new StringBuilder();

        var admitted = relevant.Where(v => v.WithDocument == ExpectedDecision.Allow && v.AdmittedByAttestation).ToList();
        var refused = relevant.Where(v => v.WithDocument != ExpectedDecision.Allow).ToList();
        var allowedAnyway = relevant.Where(v => v.WithDocument == ExpectedDecision.Allow && !v.AdmittedByAttestation).ToList();
        if (admitted.Count > 0)
        {
            text.Append("With this ").Append(platform).Append(" document, KMS would be expected to ALLOW ").Append(Names(admitted.Select(v => v.Operation)))
                .Append(" (").Append(string.Join(", ", admitted.SelectMany(v => v.AllowedBy).Distinct())).Append(" — its attestation conditions match the document). ");
        }

        if (allowedAnyway.Count > 0)
        {
            text.Append(admitted.Count > 0 ? "It would ALLOW " : $"With this {platform} document, KMS would be expected to ALLOW ")
                .Append(Names(allowedAnyway.Select(v => v.Operation))).Append(" without relying on it (")
                .Append(string.Join(", ", allowedAnyway.SelectMany(v => v.AllowedBy).Distinct())).Append(" has no attestation condition that holds)");
            var unmet = WhyRefused(allowedAnyway.Select(v => v with { WithDocument = ExpectedDecision.ImplicitDeny }).ToList(), statements, gatedOnly: true);
            text.Append(unmet.Length > 1 ? "; the attestation gate itself would not admit the document: " + unmet + " " : ". ");
        }

        if (refused.Count > 0)
        {
            text.Append(admitted.Count + allowedAnyway.Count > 0 ? "It would REFUSE " : $"With this {platform} document, KMS would be expected to REFUSE ")
                .Append(Names(refused.Select(v => v.Operation))).Append(": ").Append(WhyRefused(refused, statements, gatedOnly: false)).Append(' ');
        }

        var open = relevant.Where(v => v.WithoutAttestation == ExpectedDecision.Allow).ToList();
        if (open.Count > 0)
        {
            text.Append("Without any attestation document, ").Append(Names(open.Select(v => v.Operation)))
                .Append(" would be expected to be ALLOWED as well (").Append(string.Join(", ", open.SelectMany(v => v.AllowedWithoutAttestationBy).Distinct()))
                .Append("): for these operations the attestation gate protects nothing.");
        }
        else if (relevant.Any(v => v.WithDocument == ExpectedDecision.Allow))
        {
            text.Append("Without an attestation document, these requests would be expected to be refused.");
        }

        return text.ToString().TrimEnd();
    }

    private static string WhyRefused(List<OperationVerdict> refused, List<StatementCheck> statements, bool gatedOnly)
    {
        var reasons = new List<string>();
        foreach (var verdict in refused)
        {
            if (verdict.WithDocument == ExpectedDecision.ExplicitDeny)
            {
                reasons.Add($"{string.Join(", ", verdict.DeniedBy)} denies {verdict.Operation.ActionName()}");
                continue;
            }

            var allows = statements.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.Operations.Contains(verdict.Operation) && (!gatedOnly || s.IsAttested)).ToList();
            if (allows.Count == 0 && !gatedOnly)
            {
                reasons.Add($"no statement allows {verdict.Operation.ActionName()}");
                continue;
            }

            foreach (var allow in allows)
            {
                var failed = allow.Conditions.FirstOrDefault(c => c.WithDocument == ConditionOutcome.Fails);
                if (failed is not null)
                {
                    reasons.Add($"{allow.Statement.Label} requires {failed.Condition.Key} ({failed.Condition.Operator.Written}), and {failed.Explanation.TrimEnd('.')}");
                }
            }
        }

        return reasons.Count == 0 ? string.Empty : string.Join("; ", reasons.Distinct()) + ".";
    }
}
