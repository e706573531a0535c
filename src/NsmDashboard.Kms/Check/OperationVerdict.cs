namespace NsmDashboard.Kms;

/// <summary>What KMS would be expected to decide from this policy alone.</summary>
public enum ExpectedDecision
{
    /// <summary>An Allow applies and no Deny does.</summary>
    Allow,

    /// <summary>A Deny applies: refused whatever else allows it.</summary>
    ExplicitDeny,

    /// <summary>No statement allows it: refused by default.</summary>
    ImplicitDeny,
}

/// <summary>
/// The expected decision for one operation, with the document and without any attestation, for the caller the
/// attestation gate is for (the principal its attested Allow statements name).
/// </summary>
/// <param name="Operation">The operation.</param>
/// <param name="WithDocument">The decision for a request carrying the document as Recipient.</param>
/// <param name="AllowedBy">Statements (labels) that would allow it with the document.</param>
/// <param name="DeniedBy">Statements that would deny it with the document.</param>
/// <param name="WithoutAttestation">The decision for a request without a Recipient.</param>
/// <param name="AllowedWithoutAttestationBy">Statements that would allow it without attestation.</param>
/// <param name="AdmittedByAttestation">Whether an Allow that relies on an attestation condition admits the document.</param>
public sealed record OperationVerdict(
    KmsOperation Operation,
    ExpectedDecision WithDocument,
    IReadOnlyList<string> AllowedBy,
    IReadOnlyList<string> DeniedBy,
    ExpectedDecision WithoutAttestation,
    IReadOnlyList<string> AllowedWithoutAttestationBy,
    bool AdmittedByAttestation);
