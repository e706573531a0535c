namespace NsmDashboard.Kms;

/// <summary>One (operator, key, values) entry of a <c>Condition</c> block.</summary>
/// <param name="Operator">The condition operator, parsed.</param>
/// <param name="Key">The context key as written.</param>
/// <param name="Classification">What the key is, as far as attestation goes.</param>
/// <param name="Values">The values (a string, number or boolean, or an array of them), as strings.</param>
/// <param name="Path">Where, e.g. <c>$.Statement[0].Condition.StringEquals['kms:RecipientAttestation:PCR0']</c>.</param>
public sealed record PolicyCondition(
    ConditionOperator Operator,
    string Key,
    ConditionKeyClassification Classification,
    IReadOnlyList<string> Values,
    string Path)
{
    /// <summary>The documented attestation key, when the key is one.</summary>
    public AttestationConditionKey? AttestationKey => Classification.Key;
}
