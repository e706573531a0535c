namespace NsmDashboard.Kms;

/// <summary>
/// The offline reading of a key policy against an attestation document: each relevant statement and condition,
/// the known mistakes, the expected decision per operation, and a verdict in plain words.
/// </summary>
public sealed class KeyPolicyCheck
{
    /// <summary>Said with every verdict: this is a reading of the policy text, not KMS's decision.</summary>
    public const string Caveat =
        "This is an offline reading of the policy: only KMS decides. KMS also weighs IAM policies, grants, the caller's "
        + "identity, the key's state and any condition not evaluated here, and it verifies the document's signature itself.";

    internal KeyPolicyCheck(
        AttestationEvidence evidence,
        KeyPolicy policy,
        IReadOnlyList<StatementCheck> statements,
        IReadOnlyList<KeyPolicyFinding> findings,
        IReadOnlyList<OperationVerdict> operations,
        string verdict)
    {
        Evidence = evidence;
        Policy = policy;
        Statements = statements;
        Findings = findings;
        Operations = operations;
        Verdict = verdict;
    }

    /// <summary>The measurements the policy was read against.</summary>
    public AttestationEvidence Evidence { get; }

    /// <summary>The parsed policy.</summary>
    public KeyPolicy Policy { get; }

    /// <summary>The statements that name an operation accepting a Recipient, in policy order.</summary>
    public IReadOnlyList<StatementCheck> Statements { get; }

    /// <summary>Known mistakes and risks, most severe first.</summary>
    public IReadOnlyList<KeyPolicyFinding> Findings { get; }

    /// <summary>The expected decision for each operation that accepts a Recipient.</summary>
    public IReadOnlyList<OperationVerdict> Operations { get; }

    /// <summary>
    /// Whether the attestation gate would let this document through: for at least one operation an Allow that
    /// relies on attestation conditions admits it and no Deny applies.
    /// </summary>
    public bool GateAdmitsDocument => Operations.Any(o => o.AdmittedByAttestation && o.WithDocument == ExpectedDecision.Allow);

    /// <summary>Whether the gate admits the document and no mistake (error) is flagged.</summary>
    public bool Passed => GateAdmitsDocument && !Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>What KMS would be expected to do and why, in plain words (the <see cref="Caveat"/> follows it).</summary>
    public string Verdict { get; }
}
