namespace NsmDashboard.Kms;

/// <summary>
/// Reads a key policy against an attestation document the way KMS evaluates a request that carries the document
/// as its Recipient — and a request that carries none — and flags the known mistakes.
/// </summary>
/// <remarks>
/// <para>The request context: for an enclave document KMS offers <c>ImageSha384</c> (= PCR0) and <c>PCR&lt;n&gt;</c>
/// for each PCR in the document; for a NitroTPM document <c>NitroTPMPCR&lt;n&gt;</c>. Each key "is effective only
/// when the Recipient parameter … specifies a signed attestation document" of its platform
/// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-tpm.html).</para>
/// <para>Conditions follow IAM: operators AND, keys within an operator AND, values within a key OR; a key absent from
/// the context makes a condition false, except for negated operators, <c>…IfExists</c> and <c>Null</c>
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html); an
/// explicit Deny overrides any Allow
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). Conditions on other
/// keys depend on the request and are assumed to hold.</para>
/// </remarks>
public static partial class KeyPolicyChecker
{
    /// <summary>Reads <paramref name="policy"/> against <paramref name="evidence"/>.</summary>
    public static KeyPolicyCheck Check(KeyPolicy policy, AttestationEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(evidence);
        var findings = new List<KeyPolicyFinding>();
        var statements = new List<StatementCheck>();
        foreach (var statement in policy.Statements)
        {
            // Every statement's conditions are checked for mistakes; only those naming a Recipient operation are reported.
            var conditions = statement.Conditions.Select(c => CheckCondition(c, evidence)).ToList();
            FindConditionMistakes(statement, findings);
            var operations = KmsOperations.All.Where(statement.Covers).ToList();
            if (operations.Count > 0)
            {
                statements.Add(new StatementCheck(statement, operations, conditions));
            }
        }

        FindDocumentMistakes(statements, evidence, findings);
        FindPolicyShapeNotes(policy, statements, findings);
        var caller = Caller(statements);
        var verdicts = KmsOperations.All.Select(o => Decide(o, statements.Where(caller).ToList())).ToList();
        FindGateBypasses(statements, verdicts, findings);

        var ordered = findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.StatementIndex ?? -1)
            .ToList();
        return new KeyPolicyCheck(evidence, policy, statements, ordered, verdicts, WriteVerdict(statements, verdicts, evidence));
    }

    /// <summary>Parses <paramref name="policyJson"/> and reads it against <paramref name="evidence"/>.</summary>
    /// <exception cref="KeyPolicyFormatException">The text is not a policy.</exception>
    public static KeyPolicyCheck Check(string policyJson, AttestationEvidence evidence) =>
        Check(KeyPolicyParser.Parse(policyJson), evidence);

    // The verdict is for the caller the attestation gate is for: statements naming the same principal as an attested
    // Allow (a wildcard, a session of the role, an identity policy). Statements for other principals, and the account
    // root (which delegates to IAM policies this check cannot see), are reported as findings instead.
    private static Func<StatementCheck, bool> Caller(List<StatementCheck> statements)
    {
        var gates = statements.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.IsAttested).Select(s => s.Statement.Principal).ToList();
        return gates.Count == 0
            ? _ => true
            : s => s.IsAttested && s.Statement.Effect == PolicyEffect.Allow
                || gates.Any(g => PrincipalRelations.Relate(s.Statement.Principal, g) == PrincipalRelation.Same);
    }

    private static OperationVerdict Decide(KmsOperation operation, List<StatementCheck> statements)
    {
        var covering = statements.Where(s => s.Operations.Contains(operation)).ToList();
        var allowedBy = covering.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.AppliesWithDocument).ToList();
        var deniedBy = covering.Where(s => s.Statement.Effect == PolicyEffect.Deny && s.AppliesWithDocument).ToList();
        var allowedWithout = covering.Where(s => s.Statement.Effect == PolicyEffect.Allow && s.AppliesWithoutAttestation).ToList();
        var deniedWithout = covering.Where(s => s.Statement.Effect == PolicyEffect.Deny && s.AppliesWithoutAttestation).ToList();

        // Admitted by attestation: an applying Allow in which some documented attestation condition actually held.
        var admitted = allowedBy.Any(s => s.Conditions.Any(c => c.Condition.AttestationKey is not null && c.WithDocument == ConditionOutcome.Holds && c.DocumentValue is not null));
        return new OperationVerdict(
            operation,
            Decision(allowedBy, deniedBy),
            allowedBy.Select(s => s.Statement.Label).ToList(),
            deniedBy.Select(s => s.Statement.Label).ToList(),
            Decision(allowedWithout, deniedWithout),
            allowedWithout.Select(s => s.Statement.Label).ToList(),
            admitted);
    }

    private static ExpectedDecision Decision(List<StatementCheck> allowing, List<StatementCheck> denying) =>
        denying.Count > 0 ? ExpectedDecision.ExplicitDeny : allowing.Count > 0 ? ExpectedDecision.Allow : ExpectedDecision.ImplicitDeny;

    private static void Add(List<KeyPolicyFinding> findings, FindingSeverity severity, KeyPolicyFindingKind kind, string message, PolicyStatement? statement, string? path = null) =>
        findings.Add(new KeyPolicyFinding(severity, kind, message, statement?.Index, path ?? statement?.Path));
}
