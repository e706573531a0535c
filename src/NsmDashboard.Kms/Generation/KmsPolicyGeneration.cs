namespace NsmDashboard.Kms;

/// <summary>A generated <c>Condition</c> block with the operations it applies to and ready-to-paste statements.</summary>
public sealed class KmsPolicyGeneration
{
    internal KmsPolicyGeneration(
        AttestationEvidence evidence,
        IReadOnlyList<KeyValuePair<AttestationConditionKey, string>> conditions,
        string conditionJson,
        string keyPolicyStatementJson,
        string iamPolicyStatementJson,
        IReadOnlyList<string> notes)
    {
        Evidence = evidence;
        Conditions = conditions;
        ConditionJson = conditionJson;
        KeyPolicyStatementJson = keyPolicyStatementJson;
        IamPolicyStatementJson = iamPolicyStatementJson;
        Notes = notes;
    }

    /// <summary>Where the values come from.</summary>
    public AttestationEvidence Evidence { get; }

    /// <summary>The kind of document whose keys are used.</summary>
    public AttestationDocumentKind Kind => Evidence.Kind;

    /// <summary>Each pinned key and its lower-case hex value, by PCR index.</summary>
    public IReadOnlyList<KeyValuePair<AttestationConditionKey, string>> Conditions { get; }

    /// <summary>The value of a statement's <c>Condition</c> element: <c>{"StringEqualsIgnoreCase": {…}}</c>.</summary>
    public string ConditionJson { get; }

    /// <summary>A key-policy statement allowing Decrypt, GenerateDataKey, GenerateDataKeyPair and DeriveSharedSecret under the condition.</summary>
    public string KeyPolicyStatementJson { get; }

    /// <summary>An IAM-policy statement for GenerateRandom, which uses no key and so is authorized by IAM policies only.</summary>
    public string IamPolicyStatementJson { get; }

    /// <summary>What to keep in mind when pasting, in plain words.</summary>
    public IReadOnlyList<string> Notes { get; }
}
