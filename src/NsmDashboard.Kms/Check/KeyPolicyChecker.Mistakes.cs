using System.Globalization;

namespace NsmDashboard.Kms;

public static partial class KeyPolicyChecker
{
    /// <summary>Hex characters in a SHA-384 PCR value.</summary>
    private const int PcrHexLength = 96;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    // Mistakes that do not depend on the document: keys, operators, values.
    private static void FindConditionMistakes(PolicyStatement statement, List<KeyPolicyFinding> findings)
    {
        var allow = statement.Effect == PolicyEffect.Allow;
        foreach (var condition in statement.Conditions)
        {
            var op = condition.Operator;
            if (op.Kind == ConditionOperatorKind.Unknown)
            {
                Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.UnknownOperator,
                    $"{statement.Label}: '{op.Written}' is not an IAM condition operator (e.g. StringEqualsIgnoreCase, StringEquals, Null); KMS refuses a policy that uses it.",
                    statement, condition.Path);
                continue;
            }

            switch (condition.Classification.Class)
            {
                case ConditionKeyClass.UnknownAttestation:
                    UnknownKey(statement, condition, findings);
                    break;
                case ConditionKeyClass.Attestation:
                    AttestationCondition(statement, condition, allow, findings);
                    break;
            }
        }

        var required = statement.Conditions
            .Where(c => c.AttestationKey is not null && IsRequiring(c.Operator))
            .Select(c => c.AttestationKey!.DocumentKind)
            .Distinct()
            .ToList();
        if (allow && required.Count > 1)
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.MixedPlatforms,
                $"{statement.Label} requires enclave keys (ImageSha384, PCR<n>) and NitroTPM keys (NitroTPMPCR<n>) together; a document is either a Nitro Enclave's or a NitroTPM's, "
                + "so no request can satisfy both and the statement never applies. Write one statement per platform.",
                statement);
        }
    }

    // A positive test that needs the key present with a given value.
    private static bool IsRequiring(ConditionOperator op) =>
        op.IsString && !op.IsNegated && !op.IfExists && op.Set != ConditionSetQualifier.ForAllValues;

    private static void UnknownKey(PolicyStatement statement, PolicyCondition condition, List<KeyPolicyFinding> findings)
    {
        var suggestion = condition.Classification.Suggestion is { } s ? $" Did you mean {s.Name}?" : string.Empty;
        var holdsWhenAbsent = Evaluate(condition, null) == ConditionOutcome.Holds;
        var consequence = holdsWhenAbsent
            ? "this condition holds for every request, attested or not"
            : statement.Effect == PolicyEffect.Allow ? "this statement never applies" : "this Deny never applies";
        Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.UnknownConditionKey,
            $"{statement.Label}: {condition.Key} — {condition.Classification.Problem}.{suggestion} KMS never puts an unknown key in the request context, so {consequence}.",
            statement, condition.Path);
    }

    private static void AttestationCondition(PolicyStatement statement, PolicyCondition condition, bool allow, List<KeyPolicyFinding> findings)
    {
        var op = condition.Operator;
        var key = condition.AttestationKey!;
        if (op.Kind == ConditionOperatorKind.OtherType)
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.OperatorNotForStrings,
                $"{statement.Label}: {op.Written} on {key.Name}: the attestation keys are strings (lower-case hex); a {op.BaseName} condition on them never holds. Use StringEqualsIgnoreCase.",
                statement, condition.Path);
            return;
        }

        if (op.Kind == ConditionOperatorKind.Null)
        {
            NullCheck(statement, condition, allow, findings);
            return;
        }

        if (op.IfExists)
        {
            Add(findings, allow ? FindingSeverity.Error : FindingSeverity.Info, KeyPolicyFindingKind.IfExistsOnAttestationKey,
                allow
                    ? $"{statement.Label}: {op.Written} on {key.Name} also holds when the request carries no attestation document, so this Allow admits requests without any enclave. Drop 'IfExists'."
                    : $"{statement.Label}: {op.Written} on {key.Name} holds when the request carries no attestation document, so this Deny also refuses requests without one.",
                statement, condition.Path);
        }

        if (op.Set == ConditionSetQualifier.ForAllValues && !op.IsNegated)
        {
            Add(findings, allow ? FindingSeverity.Error : FindingSeverity.Warning, KeyPolicyFindingKind.SetOperatorOnSingleValuedKey,
                $"{statement.Label}: {op.Written} on {key.Name}: ForAllValues is for multivalued keys and holds when the key is absent (an empty set), "
                + (allow ? "so this Allow admits requests without attestation." : "so this Deny also covers requests without attestation.")
                + " Use the plain operator.",
                statement, condition.Path);
        }
        else if (op.Set != ConditionSetQualifier.None)
        {
            Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.SetOperatorOnSingleValuedKey,
                $"{statement.Label}: {op.Written} on {key.Name}: AWS advises against set operators on single-valued keys such as the attestation keys; use the plain operator.",
                statement, condition.Path);
        }

        if (op.IsNegated && allow)
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.NegatedOperatorInAllow,
                $"{statement.Label}: {op.Written} on {key.Name} in an Allow holds for every other measurement and for requests without any attestation document. "
                + "Allow with StringEqualsIgnoreCase, or use the negated operator in a Deny.",
                statement, condition.Path);
        }

        foreach (var value in condition.Values)
        {
            CheckValue(statement, condition, value, allow, findings);
        }
    }

    private static void NullCheck(PolicyStatement statement, PolicyCondition condition, bool allow, List<KeyPolicyFinding> findings)
    {
        var key = condition.AttestationKey!;
        foreach (var value in condition.Values)
        {
            var (severity, message) = (IsTrue(value), IsFalse(value), allow) switch
            {
                (true, _, true) => (FindingSeverity.Error,
                    $"\"Null\": {{\"{key.Name}\": \"true\"}} holds only when the request carries NO attestation document: this Allow admits requests from outside any enclave — the parent instance itself can use the key."),
                (_, true, true) => (FindingSeverity.Warning,
                    $"\"Null\": {{\"{key.Name}\": \"false\"}} only requires that some attestation document be present, not which one: any enclave, a debug-mode one too, passes unless other conditions pin the measurements."),
                (true, _, false) => (FindingSeverity.Info,
                    $"\"Null\": {{\"{key.Name}\": \"true\"}} in a Deny refuses requests that carry no attestation document — a sound guard."),
                (_, true, false) => (FindingSeverity.Error,
                    $"\"Null\": {{\"{key.Name}\": \"false\"}} in a Deny refuses every request that DOES carry an attestation document."),
                _ => (FindingSeverity.Error, $"Null takes \"true\" or \"false\", not '{value}': the condition never holds."),
            };

            var pinned = statement.Conditions.Any(c => c.AttestationKey is not null && IsRequiring(c.Operator));
            if (severity == FindingSeverity.Warning && pinned)
            {
                severity = FindingSeverity.Info;
            }

            Add(findings, severity, KeyPolicyFindingKind.NullCheck, $"{statement.Label}: {message}", statement, condition.Path);
        }
    }

    private static void CheckValue(PolicyStatement statement, PolicyCondition condition, string value, bool allow, List<KeyPolicyFinding> findings)
    {
        var op = condition.Operator;
        var key = condition.AttestationKey!;
        var at = $"{statement.Label}: {key.Name} value '{Short(value)}'";
        if (op.IsLike && (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal)))
        {
            if (allow && !op.IsNegated)
            {
                Add(findings, FindingSeverity.Warning, KeyPolicyFindingKind.WildcardValue,
                    $"{at} is a pattern: it admits every measurement it matches, not one image.", statement, condition.Path);
            }

            return;
        }

        var never = op.IsNegated ? "never equals KMS's value, so this negated condition always holds" : "can never match";
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.ValueNotHex,
                $"{at} starts with '0x': KMS compares the bare hex digits, so the value {never}. Remove the prefix.", statement, condition.Path);
            return;
        }

        var bad = value.AsSpan().IndexOfAnyExcept(HexDigits);
        if (bad >= 0)
        {
            var what = char.IsWhiteSpace(value[bad]) ? "whitespace" : $"'{value[bad]}'";
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.ValueNotHex,
                string.Create(CultureInfo.InvariantCulture, $"{at} has {what} at character {bad}: a PCR value is hex digits only, so it {never}."),
                statement, condition.Path);
            return;
        }

        if (value.Length != PcrHexLength)
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.ValueWrongLength,
                string.Create(CultureInfo.InvariantCulture,
                    $"{at} has {value.Length} hex characters; a SHA-384 PCR value has {PcrHexLength} (48 bytes), so it {never}."),
                statement, condition.Path);
            return;
        }

        if (!op.IgnoresCase && value.AsSpan().IndexOfAnyInRange('A', 'F') >= 0)
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.UpperCaseWithCaseSensitiveOperator,
                $"{at} has upper-case hex under {op.Written}, which compares case-sensitively; KMS's value is lower-case hex, so it {never}. "
                + "Use StringEqualsIgnoreCase (as AWS recommends) or write the value in lower case.",
                statement, condition.Path);
        }

        if (allow && !op.IsNegated && key.DocumentKind == AttestationDocumentKind.NitroEnclave && key.PcrIndex <= 2 && !value.AsSpan().ContainsAnyExcept('0'))
        {
            Add(findings, FindingSeverity.Error, KeyPolicyFindingKind.DebugModeValue,
                $"{at} is all zeros: that is what every debug-mode enclave reports for PCR0, PCR1 and PCR2, whatever image it runs, and a debug-mode enclave's "
                + "console and memory are open to the parent instance. This Allow admits any such enclave; pin the release image's measurements.",
                statement, condition.Path);
        }
    }

    private static string Short(string value) => value.Length <= 20 ? value : value[..10] + "…" + value[^6..];
}
