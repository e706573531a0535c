using System.Globalization;
using System.Text.Json;

namespace NsmDashboard.Kms;

public static partial class KeyPolicyParser
{
    private static readonly string[] StatementMembers =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    private static PolicyStatement ReadStatement(JsonElement element, int index, string path, List<PolicyNote> notes)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new KeyPolicyFormatException(path, $"a statement is a JSON object, not {Describe(element.ValueKind)}");
        }

        var members = Members(element, path, notes);
        foreach (var name in members.Keys.Where(n => !StatementMembers.Contains(n, StringComparer.Ordinal)))
        {
            var hint = StatementMembers.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase)) is { } proper
                ? $" (element names are case-sensitive: '{proper}')"
                : string.Empty;
            notes.Add(new(Child(path, name), $"'{name}' is not a statement element{hint}; KMS would refuse the policy"));
        }

        string? sid = members.TryGetValue("Sid", out var sidElement) ? RequireString(sidElement, path + ".Sid") : null;
        var effect = ReadEffect(members, path);
        var principal = ReadPrincipal(members, path);
        var (actions, actionIsNot) = ReadEither(members, "Action", "NotAction", path, required: true);
        var (resources, resourceIsNot) = ReadEither(members, "Resource", "NotResource", path, required: false);
        var conditions = members.TryGetValue("Condition", out var condition)
            ? ReadConditions(condition, path + ".Condition", notes)
            : [];
        return new PolicyStatement(index, sid, effect, principal, actions, actionIsNot, resources, resourceIsNot, conditions);
    }

    private static PolicyEffect ReadEffect(Dictionary<string, JsonElement> members, string path)
    {
        if (!members.TryGetValue("Effect", out var element))
        {
            throw new KeyPolicyFormatException(path, "the statement has no 'Effect'");
        }

        // The grammar allows exactly "Allow" and "Deny".
        return RequireString(element, path + ".Effect") switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            var other => throw new KeyPolicyFormatException(path + ".Effect", $"'{other}' is not an effect: write \"Allow\" or \"Deny\" (case-sensitive)"),
        };
    }

    private static (List<string> Values, bool IsNot) ReadEither(
        Dictionary<string, JsonElement> members, string name, string notName, string path, bool required)
    {
        var has = members.TryGetValue(name, out var element);
        var hasNot = members.TryGetValue(notName, out var notElement);
        if (has && hasNot)
        {
            throw new KeyPolicyFormatException(path, $"a statement has '{name}' or '{notName}', not both");
        }

        if (has)
        {
            return (StringOrArray(element, $"{path}.{name}"), false);
        }

        if (hasNot)
        {
            return (StringOrArray(notElement, $"{path}.{notName}"), true);
        }

        return required ? throw new KeyPolicyFormatException(path, $"the statement has neither '{name}' nor '{notName}'") : ([], false);
    }

    private static PolicyPrincipal? ReadPrincipal(Dictionary<string, JsonElement> members, string path)
    {
        var has = members.TryGetValue("Principal", out var element);
        var hasNot = members.TryGetValue("NotPrincipal", out var notElement);
        if (has && hasNot)
        {
            throw new KeyPolicyFormatException(path, "a statement has 'Principal' or 'NotPrincipal', not both");
        }

        if (!has && !hasNot)
        {
            return null;
        }

        var (value, isNot, name) = has ? (element, false, "Principal") : (notElement, true, "NotPrincipal");
        var at = $"{path}.{name}";
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() == "*"
                ? new PolicyPrincipal(isNot, true, [])
                : throw new KeyPolicyFormatException(at, "a principal given as a string must be \"*\"; otherwise write {\"AWS\": \"arn:…\"}");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new KeyPolicyFormatException(at, $"must be \"*\" or an object such as {{\"AWS\": \"arn:…\"}}, not {Describe(value.ValueKind)}");
        }

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is not ("AWS" or "Service" or "Federated" or "CanonicalUser"))
            {
                throw new KeyPolicyFormatException(Child(at, property.Name), $"'{property.Name}' is not a principal type (AWS, Service, Federated, CanonicalUser)");
            }

            foreach (var item in StringOrArray(property.Value, Child(at, property.Name)))
            {
                entries.Add(new(property.Name, item));
            }
        }

        if (entries.Count == 0)
        {
            throw new KeyPolicyFormatException(at, "the principal names no one");
        }

        var wildcard = entries.Any(e => e.Key == "AWS" && e.Value == "*");
        return new PolicyPrincipal(isNot, wildcard, entries);
    }

    private static List<PolicyCondition> ReadConditions(JsonElement element, string path, List<PolicyNote> notes)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new KeyPolicyFormatException(path, $"'Condition' is an object of operators, not {Describe(element.ValueKind)}");
        }

        var conditions = new List<PolicyCondition>();
        foreach (var (operatorName, block) in Members(element, path, notes))
        {
            var operatorPath = Child(path, operatorName);
            if (block.ValueKind != JsonValueKind.Object)
            {
                throw new KeyPolicyFormatException(operatorPath, $"an operator maps condition keys to values, not {Describe(block.ValueKind)}");
            }

            var op = ConditionOperator.Parse(operatorName);
            foreach (var (key, value) in Members(block, operatorPath, notes))
            {
                var keyPath = Child(operatorPath, key);
                conditions.Add(new PolicyCondition(op, key, ConditionKeyClassifier.Classify(key), ConditionValues(value, keyPath), keyPath));
            }
        }

        return conditions;
    }

    // A condition value is a string, number or boolean, or a non-empty array of them; all compared as text.
    private static List<string> ConditionValues(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                values.Add(Scalar(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]")));
            }

            return values.Count > 0 ? values : throw new KeyPolicyFormatException(path, "the value list is empty");
        }

        return [Scalar(element, path)];
    }

    private static string Scalar(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new KeyPolicyFormatException(path, $"a condition value is a string, number or boolean, not {Describe(element.ValueKind)}"),
    };
}
