namespace NsmDashboard.Kms;

public static partial class KeyPolicyChecker
{
    // An Allow that holds without attestation makes the gate moot for its principal: KMS allows a request when any statement allows it.
    private static void FindGateBypasses(List<StatementCheck> statements, List<OperationVerdict> verdicts, List<KeyPolicyFinding> findings)
    {
        var keyPolicy = statements.Any(s => s.Statement.Principal is not null);
        bool Relevant(KmsOperation o) => !keyPolicy || o.UsesKey();
        var allows = statements.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.Operations.Any(Relevant)).ToList();
        var gated = allows.Where(s => s.IsAttested).ToList();
        if (gated.Count == 0)
        {
            var named = Names(KmsOperations.All.Where(Relevant));
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.NoAttestationGate,
                allows.Count == 0
                    ? $"No statement allows {named}: there is no attestation gate to check."
                    : $"No statement that allows {named} has an attestation condition: KMS does not look at the document for them, and anyone those statements name can use the key without an enclave.",
                null, "$.Statement");
            return;
        }

        foreach (var check in allows.Where(s => s.AppliesWithoutAttestation))
        {
            var statement = check.Statement;
            var operations = Names(check.Operations.Where(Relevant));
            var assumed = OtherConditions(check);
            if (check.IsAttested)
            {
                var loose = check.Conditions
                    .Where(c => c.Condition.Classification.Class != ConditionKeyClass.Other && c.WithoutAttestation == ConditionOutcome.Holds)
                    .Select(c => $"{c.Condition.Operator.Written} on {c.Condition.Key}");
                Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.GateBypassed,
                    $"{statement.Label} admits requests WITHOUT any attestation document ({string.Join(", ", loose)} hold when the key is absent): "
                    + $"whoever it names can call {operations} from outside any enclave — the parent instance too — and receive plaintext{assumed}.",
                    statement);
                continue;
            }

            var relations = gated
                .Where(g => g.Operations.Intersect(check.Operations).Any(Relevant))
                .Select(g => (Gate: g, Relation: PrincipalRelations.Relate(statement.Principal, g.Statement.Principal)))
                .ToList();
            if (relations.FirstOrDefault(r => r.Relation == PrincipalRelation.Same) is { Gate: { } same })
            {
                Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.GateBypassed,
                    $"{statement.Label} allows {operations} to {Who(statement)} with no attestation condition, while {same.Statement.Label} requires attestation for the same principal. "
                    + "KMS allows a request when any statement allows it, so the gate is moot: whoever holds those credentials — the parent instance itself — can call "
                    + $"these operations without a Recipient and receive plaintext{assumed}.",
                    statement);
            }
            else if (relations.FirstOrDefault(r => r.Relation == PrincipalRelation.AccountDelegation) is { Gate: { } delegated })
            {
                Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.AccountDelegation,
                    $"{statement.Label} allows {operations} to the account ({Who(statement)}) with no attestation condition: IAM policies in that account may then grant them "
                    + $"to {Who(delegated.Statement)} (or anyone else there) without attestation, bypassing {delegated.Statement.Label}. "
                    + "This check cannot see IAM policies; make sure none grants these operations, or add a Deny for requests without attestation.",
                    statement);
            }
            else if (check.Operations.Any(o => o.UsesKey()))
            {
                Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.AllowedWithoutAttestation,
                    $"{statement.Label} allows {operations} to {Who(statement)} with no attestation condition: whoever holds those credentials can use the key outside any enclave{assumed}.",
                    statement);
            }
        }
    }

    private static string Who(PolicyStatement statement) =>
        statement.Principal is { } principal ? principal.ToString() : "the identity this policy is attached to";

    private static string OtherConditions(StatementCheck check)
    {
        var others = check.Conditions.Where(c => c.WithoutAttestation == ConditionOutcome.NotEvaluated).Select(c => c.Condition.Key).Distinct().ToList();
        return others.Count == 0 ? string.Empty : $" (unless its other conditions on {string.Join(", ", others)} exclude such requests)";
    }
}
