using System.Globalization;
using System.Text.Json;

namespace NsmDashboard.Kms;

/// <summary>
/// Parses a key policy (or an IAM policy) with <see cref="JsonDocument"/> — no reflection, so native AOT stays
/// clean — tolerating every shape the IAM grammar allows: <c>Statement</c> as one object or an array; <c>Action</c>,
/// <c>Resource</c> and principal values as a string or an array; <c>NotAction</c>, <c>NotPrincipal</c>,
/// <c>NotResource</c>; condition values as strings, numbers, booleans or arrays of them
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
/// </summary>
public static partial class KeyPolicyParser
{
    /// <summary>Longer input is refused outright (KMS itself keeps key policies up to 32 KB).</summary>
    public const int MaxLength = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        // KMS and IAM accept neither comments nor trailing commas; a policy that has them would be refused there.
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 32,
    };

    /// <summary>Parses policy text.</summary>
    /// <exception cref="KeyPolicyFormatException">Not JSON, or not a policy; the path and problem say where and what.</exception>
    public static KeyPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new KeyPolicyFormatException("$", string.Create(CultureInfo.InvariantCulture, $"the policy is {json.Length:N0} characters; at most {MaxLength:N0} are read (KMS keeps key policies up to 32 KB)"));
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            throw new KeyPolicyFormatException("$", "the policy is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new KeyPolicyFormatException(
                "$",
                string.Create(CultureInfo.InvariantCulture, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"),
                e);
        }

        using (document)
        {
            var notes = new List<PolicyNote>();
            return ReadPolicy(document.RootElement, notes, json.Length);
        }
    }

    private static KeyPolicy ReadPolicy(JsonElement root, List<PolicyNote> notes, int length)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new KeyPolicyFormatException("$", $"a policy is a JSON object, not {Describe(root.ValueKind)}");
        }

        var members = Members(root, "$", notes);
        string? version = null, id = null;
        if (members.TryGetValue("Version", out var versionElement))
        {
            version = RequireString(versionElement, "$.Version");
        }

        if (members.TryGetValue("Id", out var idElement))
        {
            id = RequireString(idElement, "$.Id");
        }

        foreach (var name in members.Keys.Where(n => n is not ("Version" or "Id" or "Statement")))
        {
            notes.Add(new("$." + name, $"'{name}' is not a policy element; KMS would refuse the policy"));
        }

        if (!members.TryGetValue("Statement", out var statementElement))
        {
            throw new KeyPolicyFormatException("$", "the policy has no 'Statement'");
        }

        var statements = new List<PolicyStatement>();
        switch (statementElement.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(ReadStatement(statementElement, 0, "$.Statement", notes));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in statementElement.EnumerateArray())
                {
                    statements.Add(ReadStatement(item, index, string.Create(CultureInfo.InvariantCulture, $"$.Statement[{index}]"), notes));
                    index++;
                }

                if (index == 0)
                {
                    throw new KeyPolicyFormatException("$.Statement", "the statement list is empty");
                }

                break;
            default:
                throw new KeyPolicyFormatException("$.Statement", $"'Statement' is one statement object or an array of them, not {Describe(statementElement.ValueKind)}");
        }

        return new KeyPolicy(version, id, statements, notes, length);
    }

    // Object members by name; a name given twice is noted and the last one counts (as in most JSON readers).
    private static Dictionary<string, JsonElement> Members(JsonElement element, string path, List<PolicyNote> notes)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (members.ContainsKey(property.Name))
            {
                notes.Add(new(Child(path, property.Name), $"'{property.Name}' is given twice; this reading uses the last one, and KMS may read it differently"));
            }

            members[property.Name] = property.Value;
        }

        return members;
    }

    private static string RequireString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new KeyPolicyFormatException(path, $"must be a string, not {Describe(element.ValueKind)}");

    // A string or a non-empty array of strings.
    private static List<string> StringOrArray(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array:
                var values = new List<string>();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    values.Add(RequireString(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]")));
                }

                return values.Count > 0 ? values : throw new KeyPolicyFormatException(path, "the list is empty");
            default:
                throw new KeyPolicyFormatException(path, $"must be a string or an array of strings, not {Describe(element.ValueKind)}");
        }
    }

    private static string Child(string path, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{name}" : $"{path}['{name}']";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
