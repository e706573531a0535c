namespace NsmDashboard.Kms;

public static partial class KeyPolicyChecker
{
    private static ConditionCheck CheckCondition(PolicyCondition condition, AttestationEvidence evidence)
    {
        if (condition.Classification.Class == ConditionKeyClass.Other)
        {
            return new ConditionCheck(condition, ConditionOutcome.NotEvaluated, ConditionOutcome.NotEvaluated, null,
                $"{condition.Key} depends on the request, not on the document: not evaluated here (assumed to hold)");
        }

        // An undocumented key is never in the request context, with or without a document.
        var value = condition.AttestationKey is { } key ? evidence.ContextValue(key) : null;
        var withDocument = Evaluate(condition, value);
        var withoutAttestation = Evaluate(condition, null);
        return new ConditionCheck(condition, withDocument, withoutAttestation, value, Explain(condition, value, withDocument, evidence));
    }

    /// <summary>IAM's reading of one condition on a single-valued string key, given the context value or its absence.</summary>
    internal static ConditionOutcome Evaluate(PolicyCondition condition, string? contextValue)
    {
        var op = condition.Operator;
        var present = contextValue is not null;
        switch (op.Kind)
        {
            case ConditionOperatorKind.Unknown:
            case ConditionOperatorKind.OtherType:
                return ConditionOutcome.Fails;
            case ConditionOperatorKind.Null:
                // "true": holds when the key is absent; "false": when it is present. Values OR.
                return condition.Values.Any(v => (IsTrue(v) && !present) || (IsFalse(v) && present)) ? ConditionOutcome.Holds : ConditionOutcome.Fails;
        }

        if (!present)
        {
            // Absent key: IfExists and ForAllValues (an empty set) hold; negated operators hold; the rest fail.
            var holds = op.IfExists || op.Set == ConditionSetQualifier.ForAllValues || (op.Set == ConditionSetQualifier.None && op.IsNegated);
            return holds ? ConditionOutcome.Holds : ConditionOutcome.Fails;
        }

        var matched = condition.Values.Any(v => Matches(op, v, contextValue!));
        return matched != op.IsNegated ? ConditionOutcome.Holds : ConditionOutcome.Fails;
    }

    private static bool Matches(ConditionOperator op, string policyValue, string contextValue) =>
        op.IsLike
            ? Glob.Matches(policyValue, contextValue, ignoreCase: false)
            : string.Equals(policyValue, contextValue, op.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    private static string Explain(PolicyCondition condition, string? value, ConditionOutcome outcome, AttestationEvidence evidence)
    {
        var op = condition.Operator;
        if (condition.AttestationKey is not { } key)
        {
            var suggestion = condition.Classification.Suggestion is { } s ? $" (did you mean {s.Name}?)" : string.Empty;
            return $"{condition.Key} is not a documented attestation key: {condition.Classification.Problem}{suggestion}. It is never in the request context, so "
                + (outcome == ConditionOutcome.Holds ? "this condition holds for every request (it tests for absence)" : "this condition never holds");
        }

        if (op.Kind is ConditionOperatorKind.Unknown)
        {
            return $"'{op.Written}' is not an IAM condition operator; KMS refuses a policy that uses it";
        }

        if (op.Kind is ConditionOperatorKind.OtherType)
        {
            return $"{op.BaseName} compares {TypeOf(op.BaseName)}, but {key.Name} is a string: the condition never holds";
        }

        if (value is null)
        {
            var absent = evidence.AbsenceReason(key);
            return op.Kind == ConditionOperatorKind.Null
                ? $"{key.Name} is not in the request context ({absent}), so Null {string.Join("/", condition.Values)} {(outcome == ConditionOutcome.Holds ? "holds" : "does not hold")}"
                : $"{key.Name} is not in the request context ({absent}); {op.Written} {(outcome == ConditionOutcome.Holds ? "holds all the same when the key is absent" : "does not hold")}";
        }

        if (op.Kind == ConditionOperatorKind.Null)
        {
            return $"{key.Name} is in the request context, so Null {string.Join("/", condition.Values)} {(outcome == ConditionOutcome.Holds ? "holds" : "does not hold")}";
        }

        var label = $"the document's {key.PcrLabel}";
        var matched = condition.Values.FirstOrDefault(v => Matches(op, v, value));
        if (matched is not null)
        {
            return op.IsNegated
                ? $"{label} equals a listed value, so {op.Written} does not hold"
                : $"{label} matches the policy value{(condition.Values.Count > 1 ? " (one of " + condition.Values.Count + ")" : string.Empty)}";
        }

        var differences = condition.Values.Select(v => ValueDifference.Describe(v, value, op, evidence.IsDebugMode && key.DocumentKind == AttestationDocumentKind.NitroEnclave && key.PcrIndex <= 2));
        var why = condition.Values.Count == 1
            ? differences.Single()
            : "none of the " + condition.Values.Count + " values matches: " + string.Join("; ", differences);
        return op.IsNegated
            ? $"{label} matches none of the listed values, so {op.Written} holds ({why})"
            : $"{label} does not match: {why}";
    }

    private static string TypeOf(string baseName) => baseName switch
    {
        _ when baseName.StartsWith("Numeric", StringComparison.OrdinalIgnoreCase) => "numbers",
        _ when baseName.StartsWith("Date", StringComparison.OrdinalIgnoreCase) => "dates",
        _ when baseName.StartsWith("Arn", StringComparison.OrdinalIgnoreCase) => "ARNs",
        _ when baseName.Contains("IpAddress", StringComparison.OrdinalIgnoreCase) => "IP addresses",
        _ when baseName.StartsWith("Binary", StringComparison.OrdinalIgnoreCase) => "base64 binary values",
        _ => "booleans",
    };
}
