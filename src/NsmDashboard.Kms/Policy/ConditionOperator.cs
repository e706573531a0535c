namespace NsmDashboard.Kms;

/// <summary>
/// A condition operator as written (<c>ForAnyValue:StringEqualsIgnoreCaseIfExists</c>), split into its set
/// qualifier, base operator and <c>IfExists</c> suffix
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
/// </summary>
public sealed record ConditionOperator
{
    private static readonly string[] OtherKnown =
    [
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
    ];

    private ConditionOperator(string written, string baseName, ConditionSetQualifier set, bool ifExists, ConditionOperatorKind kind)
    {
        Written = written;
        BaseName = baseName;
        Set = set;
        IfExists = ifExists;
        Kind = kind;
    }

    /// <summary>The operator exactly as written.</summary>
    public string Written { get; }

    /// <summary>The operator without qualifier and suffix, e.g. <c>StringEqualsIgnoreCase</c>.</summary>
    public string BaseName { get; }

    /// <summary><c>ForAnyValue:</c>, <c>ForAllValues:</c> or none.</summary>
    public ConditionSetQualifier Set { get; }

    /// <summary>Whether the operator ends in <c>IfExists</c> (true when the key is absent).</summary>
    public bool IfExists { get; }

    /// <summary>What the base operator does.</summary>
    public ConditionOperatorKind Kind { get; }

    /// <summary>Whether the operator holds when the value does NOT match (<c>StringNotEquals</c>, …).</summary>
    public bool IsNegated => Kind is ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.StringNotEqualsIgnoreCase or ConditionOperatorKind.StringNotLike;

    /// <summary>Whether the comparison ignores letter case.</summary>
    public bool IgnoresCase => Kind is ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase;

    /// <summary>Whether the values are <c>*</c>/<c>?</c> patterns.</summary>
    public bool IsLike => Kind is ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike;

    /// <summary>Whether this is one of the six string operators that compare attestation values.</summary>
    public bool IsString => Kind is >= ConditionOperatorKind.StringEquals and <= ConditionOperatorKind.StringNotLike;

    /// <summary>Reads an operator name; unknown names give <see cref="ConditionOperatorKind.Unknown"/>.</summary>
    public static ConditionOperator Parse(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var name = written;
        var set = ConditionSetQualifier.None;
        if (name.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSetQualifier.ForAnyValue;
            name = name["ForAnyValue:".Length..];
        }
        else if (name.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            set = ConditionSetQualifier.ForAllValues;
            name = name["ForAllValues:".Length..];
        }

        var ifExists = false;
        if (name.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase) && name.Length > "IfExists".Length)
        {
            ifExists = true;
            name = name[..^"IfExists".Length];
        }

        var kind = KindOf(name);

        // Null takes no IfExists (it is itself the existence test).
        if (kind == ConditionOperatorKind.Null && ifExists)
        {
            kind = ConditionOperatorKind.Unknown;
        }

        return new(written, name, set, ifExists, kind);
    }

    private static ConditionOperatorKind KindOf(string name)
    {
        foreach (var kind in Enum.GetValues<ConditionOperatorKind>())
        {
            if (kind is not (ConditionOperatorKind.Unknown or ConditionOperatorKind.OtherType) && string.Equals(name, kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return OtherKnown.Contains(name, StringComparer.OrdinalIgnoreCase) ? ConditionOperatorKind.OtherType : ConditionOperatorKind.Unknown;
    }

    /// <inheritdoc/>
    public override string ToString() => Written;
}

/// <summary>The set operators, meant for multivalued keys.</summary>
public enum ConditionSetQualifier
{
    /// <summary>No qualifier.</summary>
    None,

    /// <summary><c>ForAnyValue:</c> — false when the key is absent.</summary>
    ForAnyValue,

    /// <summary><c>ForAllValues:</c> — TRUE when the key is absent (an empty set satisfies "all").</summary>
    ForAllValues,
}

/// <summary>What a base operator does to an attestation value.</summary>
public enum ConditionOperatorKind
{
    /// <summary>Exact match, case-sensitive.</summary>
    StringEquals,

    /// <summary>No exact match, case-sensitive (true when the key is absent).</summary>
    StringNotEquals,

    /// <summary>Exact match ignoring case — what AWS recommends for PCR values.</summary>
    StringEqualsIgnoreCase,

    /// <summary>No match ignoring case (true when the key is absent).</summary>
    StringNotEqualsIgnoreCase,

    /// <summary>Case-sensitive <c>*</c>/<c>?</c> pattern.</summary>
    StringLike,

    /// <summary>No case-sensitive pattern match (true when the key is absent).</summary>
    StringNotLike,

    /// <summary><c>Null</c>: <c>true</c> holds when the key is absent, <c>false</c> when present.</summary>
    Null,

    /// <summary>A documented operator for another type (Numeric, Date, Bool, Binary, IpAddress, Arn).</summary>
    OtherType,

    /// <summary>Not an IAM condition operator.</summary>
    Unknown,
}
