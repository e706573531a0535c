namespace NsmDashboard.Kms;

/// <summary>A known mistake or risk in a policy, explained.</summary>
/// <param name="Severity">How much it matters.</param>
/// <param name="Kind">Which mistake.</param>
/// <param name="Message">What it is and what KMS is expected to make of it, in plain words.</param>
/// <param name="StatementIndex">The statement it is about (0-based), if one.</param>
/// <param name="Path">Where, as a JSON path, if known.</param>
public sealed record KeyPolicyFinding(
    FindingSeverity Severity,
    KeyPolicyFindingKind Kind,
    string Message,
    int? StatementIndex,
    string? Path);

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info,

    /// <summary>A risk that depends on something this offline reading cannot see, or a statement that cannot admit this document.</summary>
    Warning,

    /// <summary>A mistake: the attestation gate is broken, or a condition can never match.</summary>
    Error,
}

/// <summary>The mistakes and risks the check knows.</summary>
public enum KeyPolicyFindingKind
{
    /// <summary>A condition key meant for attestation that KMS does not document: never in the request context.</summary>
    UnknownConditionKey,

    /// <summary>A PCR value that is not 96 hex characters (a SHA-384 digest) can never match.</summary>
    ValueWrongLength,

    /// <summary>A PCR value with characters that are not hex (a <c>0x</c> prefix, spaces) can never match.</summary>
    ValueNotHex,

    /// <summary>Upper-case hex under a case-sensitive operator never matches KMS's lower-case hex.</summary>
    UpperCaseWithCaseSensitiveOperator,

    /// <summary>All-zero PCR0/1/2 in an Allow admits every debug-mode enclave, whatever it runs.</summary>
    DebugModeValue,

    /// <summary>A <c>Null</c> check on an attestation key.</summary>
    NullCheck,

    /// <summary><c>…IfExists</c> on an attestation key holds for requests without attestation.</summary>
    IfExistsOnAttestationKey,

    /// <summary>A negated operator on an attestation key in an Allow holds for requests without attestation and for any other measurement.</summary>
    NegatedOperatorInAllow,

    /// <summary><c>ForAllValues</c>/<c>ForAnyValue</c> on a single-valued attestation key.</summary>
    SetOperatorOnSingleValuedKey,

    /// <summary>A <c>StringLike</c> pattern with wildcards pins no single measurement.</summary>
    WildcardValue,

    /// <summary>A non-string operator (Numeric, Date, Arn, …) on an attestation key never matches.</summary>
    OperatorNotForStrings,

    /// <summary>Not an IAM condition operator: KMS refuses such a policy.</summary>
    UnknownOperator,

    /// <summary>One statement requires both enclave and NitroTPM keys: no document carries both.</summary>
    MixedPlatforms,

    /// <summary>A statement's attestation keys belong to the other platform than this document's.</summary>
    PlatformMismatch,

    /// <summary>An Allow that holds without any attestation, for the principal the gate is for: the gate is moot.</summary>
    GateBypassed,

    /// <summary>Another principal may use the key without attestation.</summary>
    AllowedWithoutAttestation,

    /// <summary>The account root is allowed: IAM policies in that account can grant the operations without attestation.</summary>
    AccountDelegation,

    /// <summary>No Allow for these operations has an attestation condition.</summary>
    NoAttestationGate,

    /// <summary>A Deny applies to requests carrying this document.</summary>
    DenyApplies,

    /// <summary><c>kms:GenerateRandom</c> in a key policy has no effect (it is authorized by IAM policies).</summary>
    GenerateRandomInKeyPolicy,

    /// <summary>The document has no RSA <c>public_key</c>, so KMS has nothing to encrypt the response to.</summary>
    NoRecipientKey,

    /// <summary>Something the parser tolerated (a member given twice, an unknown element).</summary>
    PolicyShape,
}
