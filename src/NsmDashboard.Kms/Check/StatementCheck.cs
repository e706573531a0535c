namespace NsmDashboard.Kms;

/// <summary>One statement that names at least one operation accepting a Recipient, read against the document.</summary>
public sealed class StatementCheck
{
    internal StatementCheck(PolicyStatement statement, IReadOnlyList<KmsOperation> operations, IReadOnlyList<ConditionCheck> conditions)
    {
        Statement = statement;
        Operations = operations;
        Conditions = conditions;
    }

    /// <summary>The statement.</summary>
    public PolicyStatement Statement { get; }

    /// <summary>The Recipient operations it names.</summary>
    public IReadOnlyList<KmsOperation> Operations { get; }

    /// <summary>Every condition, in document order.</summary>
    public IReadOnlyList<ConditionCheck> Conditions { get; }

    /// <summary>Whether it applies to a request carrying the document (conditions not evaluated here assumed to hold).</summary>
    public bool AppliesWithDocument => Conditions.All(c => c.WithDocument != ConditionOutcome.Fails);

    /// <summary>Whether it applies to a request without attestation.</summary>
    public bool AppliesWithoutAttestation => Conditions.All(c => c.WithoutAttestation != ConditionOutcome.Fails);

    /// <summary>Whether it has any condition on an attestation key (documented or meant as one).</summary>
    public bool IsAttested => Statement.HasAttestationCondition;
}
