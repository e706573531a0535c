namespace NsmDashboard.Kms;

/// <summary>What a condition key written in a policy is, as far as attestation goes.</summary>
public enum ConditionKeyClass
{
    /// <summary>A documented attestation key (<see cref="ConditionKeyClassification.Key"/> says which).</summary>
    Attestation,

    /// <summary>
    /// Meant as an attestation key but not one KMS documents (<c>kms:RecipientAttestation:PCR99</c>,
    /// <c>kms:RecipientAttestation</c>, <c>kms:RecipientAttestations:PCR0</c>, …): it is never in the request
    /// context, so a positive condition on it never holds.
    /// </summary>
    UnknownAttestation,

    /// <summary>Any other key (<c>aws:PrincipalArn</c>, <c>kms:EncryptionContext:…</c>): not evaluated here.</summary>
    Other,
}

/// <summary>The reading of one condition key name.</summary>
/// <param name="Written">The key exactly as the policy spells it.</param>
/// <param name="Class">What it is.</param>
/// <param name="Key">The documented key, for <see cref="ConditionKeyClass.Attestation"/>.</param>
/// <param name="Problem">Why it is not a documented key, for <see cref="ConditionKeyClass.UnknownAttestation"/>.</param>
/// <param name="Suggestion">The documented key it most likely meant, when one can be told.</param>
public sealed record ConditionKeyClassification(
    string Written,
    ConditionKeyClass Class,
    AttestationConditionKey? Key,
    string? Problem,
    AttestationConditionKey? Suggestion);
