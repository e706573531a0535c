using System.Globalization;

namespace NsmDashboard.Kms;

/// <summary>One statement of a policy, normalised.</summary>
public sealed class PolicyStatement
{
    internal PolicyStatement(
        int index,
        string? sid,
        PolicyEffect effect,
        PolicyPrincipal? principal,
        IReadOnlyList<string> actions,
        bool actionIsNot,
        IReadOnlyList<string> resources,
        bool resourceIsNot,
        IReadOnlyList<PolicyCondition> conditions)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        Principal = principal;
        Actions = actions;
        ActionIsNot = actionIsNot;
        Resources = resources;
        ResourceIsNot = resourceIsNot;
        Conditions = conditions;
    }

    /// <summary>The statement's position (0-based) in the policy.</summary>
    public int Index { get; }

    /// <summary><c>Sid</c>, when given.</summary>
    public string? Sid { get; }

    /// <summary>How people see it named: the Sid in quotes, or "statement #N".</summary>
    public string Label => Sid is { Length: > 0 } sid
        ? $"\"{sid}\""
        : string.Create(CultureInfo.InvariantCulture, $"statement #{Index + 1}");

    /// <summary>Its JSON path, e.g. <c>$.Statement[2]</c>.</summary>
    public string Path => string.Create(CultureInfo.InvariantCulture, $"$.Statement[{Index}]");

    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>
    /// <c>Principal</c> or <c>NotPrincipal</c>; <see langword="null"/> when neither is given (an IAM identity policy:
    /// the identity it is attached to).
    /// </summary>
    public PolicyPrincipal? Principal { get; }

    /// <summary><c>Action</c> patterns, or <c>NotAction</c> patterns when <see cref="ActionIsNot"/>.</summary>
    public IReadOnlyList<string> Actions { get; }

    /// <summary>Whether <see cref="Actions"/> came from <c>NotAction</c>.</summary>
    public bool ActionIsNot { get; }

    /// <summary><c>Resource</c> (or <c>NotResource</c>) entries; in a key policy <c>*</c> means this key.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>Whether <see cref="Resources"/> came from <c>NotResource</c>.</summary>
    public bool ResourceIsNot { get; }

    /// <summary>Every (operator, key) pair of the <c>Condition</c> block, in document order.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>Whether the statement names <paramref name="operation"/> (IAM action matching: case-insensitive, <c>*</c> and <c>?</c>).</summary>
    public bool Covers(KmsOperation operation)
    {
        var named = Actions.Any(pattern => ActionPattern.Matches(pattern, operation.ActionName()));
        return ActionIsNot ? !named : named;
    }

    /// <summary>Whether any condition is on an attestation key (documented or meant as one).</summary>
    public bool HasAttestationCondition => Conditions.Any(c => c.Classification.Class != ConditionKeyClass.Other);
}
