namespace NsmDashboard.Kms;

/// <summary>How two statements' principals relate, for telling whether one statement bypasses another's gate.</summary>
internal enum PrincipalRelation
{
    /// <summary>They can name the same caller (equal, a wildcard, an identity policy, a NotPrincipal).</summary>
    Same,

    /// <summary>One is an account root (the account delegates to its IAM policies) and the other is in that account.</summary>
    AccountDelegation,

    /// <summary>Different callers.</summary>
    Unrelated,
}

/// <summary>Compares principals the way they can overlap; when unsure, says <see cref="PrincipalRelation.Same"/>.</summary>
internal static class PrincipalRelations
{
    public static PrincipalRelation Relate(PolicyPrincipal? statement, PolicyPrincipal? gate)
    {
        // No principal: an identity policy, all of whose statements speak for the same identity. NotPrincipal: nearly everyone.
        if (statement is null || gate is null || statement.IsNot || gate.IsNot || statement.IsWildcard || gate.IsWildcard)
        {
            return PrincipalRelation.Same;
        }

        var gateIdentities = gate.Entries.Select(e => Normalise(e.Key, e.Value)).ToList();
        foreach (var (type, value) in statement.Entries)
        {
            var identity = Normalise(type, value);
            if (gateIdentities.Contains(identity, StringComparer.OrdinalIgnoreCase))
            {
                return PrincipalRelation.Same;
            }
        }

        foreach (var (type, value) in statement.Entries.Where(e => e.Key == "AWS"))
        {
            if (RootAccount(value) is { } account && gate.Entries.Any(e => e.Key == "AWS" && Account(e.Value) == account))
            {
                return PrincipalRelation.AccountDelegation;
            }
        }

        return PrincipalRelation.Unrelated;
    }

    // A role and a session of it are one caller: arn:aws:sts::A:assumed-role/R/S ~ arn:aws:iam::A:role/…/R.
    private static string Normalise(string type, string value)
    {
        if (type == "AWS" && value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = value.Split(':', 6);
            if (parts.Length == 6)
            {
                var resource = parts[5];
                if (resource.StartsWith("assumed-role/", StringComparison.Ordinal))
                {
                    return $"role:{parts[4]}:{resource.Split('/')[1]}";
                }

                if (resource.StartsWith("role/", StringComparison.Ordinal))
                {
                    return $"role:{parts[4]}:{resource.Split('/')[^1]}";
                }
            }
        }

        return type + ":" + value;
    }

    private static string? RootAccount(string value)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        return value.StartsWith("arn:", StringComparison.Ordinal) && value.EndsWith(":root", StringComparison.Ordinal) ? Account(value) : null;
    }

    private static string? Account(string value)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        var parts = value.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" ? parts[4] : null;
    }
}
