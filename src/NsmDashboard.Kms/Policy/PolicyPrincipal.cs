namespace NsmDashboard.Kms;

/// <summary>
/// A statement's <c>Principal</c> or <c>NotPrincipal</c>: <c>"*"</c>, or a map of principal types (<c>AWS</c>,
/// <c>Service</c>, <c>Federated</c>, <c>CanonicalUser</c>) to one or more values.
/// </summary>
public sealed class PolicyPrincipal
{
    internal PolicyPrincipal(bool isNot, bool isWildcard, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        IsNot = isNot;
        IsWildcard = isWildcard;
        Entries = entries;
    }

    /// <summary>Whether this is <c>NotPrincipal</c> (everyone except the entries).</summary>
    public bool IsNot { get; }

    /// <summary><c>"*"</c> or <c>{"AWS": "*"}</c>: anyone.</summary>
    public bool IsWildcard { get; }

    /// <summary>(type, value) pairs, e.g. (<c>AWS</c>, <c>arn:aws:iam::111122223333:role/app</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; }

    /// <summary>How people see it: <c>*</c>, or the values joined.</summary>
    public override string ToString() =>
        (IsNot ? "everyone except " : string.Empty) + (IsWildcard ? "*" : string.Join(", ", Entries.Select(e => e.Value)));
}
