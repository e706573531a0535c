namespace NsmDashboard.Kms;

/// <summary>Whether a condition holds in a request context.</summary>
public enum ConditionOutcome
{
    /// <summary>The condition holds.</summary>
    Holds,

    /// <summary>The condition does not hold: the statement does not apply.</summary>
    Fails,

    /// <summary>Not an attestation condition: it depends on the request (caller, encryption context, …) and is assumed to hold.</summary>
    NotEvaluated,
}

/// <summary>One condition of a statement, read against the document and against a request without attestation.</summary>
public sealed class ConditionCheck
{
    internal ConditionCheck(PolicyCondition condition, ConditionOutcome withDocument, ConditionOutcome withoutAttestation, string? documentValue, string explanation)
    {
        Condition = condition;
        WithDocument = withDocument;
        WithoutAttestation = withoutAttestation;
        DocumentValue = documentValue;
        Explanation = explanation;
    }

    /// <summary>The condition as written.</summary>
    public PolicyCondition Condition { get; }

    /// <summary>The outcome for a request carrying the document.</summary>
    public ConditionOutcome WithDocument { get; }

    /// <summary>The outcome for a request with no Recipient (no attestation keys in the context).</summary>
    public ConditionOutcome WithoutAttestation { get; }

    /// <summary>The value KMS would compare (lower-case hex); <see langword="null"/> when the key is not in the context.</summary>
    public string? DocumentValue { get; }

    /// <summary>Why it holds or not, and how the value differs, in plain words.</summary>
    public string Explanation { get; }
}
