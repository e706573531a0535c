using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// Structure-aware mutation of JSON request bodies: the body is parsed and one to three of these are applied —
/// properties removed, renamed (case, unknown, other known names), added or duplicated; values replaced by other types
/// or boundary numbers; strings cut, grown past limits, made odd-length, non-hex, non-ASCII or control characters, or
/// handed to a domain mutator (a base64 attestation document becomes a structure-mutated document; a policy text is
/// mutated as JSON in turn); nesting deeper than the parser allows. In a share of cases the text itself is damaged:
/// truncated, bytes flipped, invalid UTF-8, a BOM, a trailing comma or comment, garbage after the value.
/// </summary>
internal sealed class JsonMutator
{
    private static readonly string[] Numbers =
        ["0", "-1", "1", "15", "16", "31", "32", "33", "255", "65535", "65536", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1.5", "1e400", "-0", "1E2"];

    private static readonly int[] StringLengths = [0, 1, 2, 47, 48, 95, 96, 97, 1024, 2048, 2049, 8192, 70_000];

    private readonly string[] _names;
    private readonly Func<string, string, Random, string?>? _domain;

    /// <param name="names">Property names worth trying (the bodies' own and near misses).</param>
    /// <param name="domain">Mutates a string value by its property name (null: no domain mutation for it).</param>
    public JsonMutator(IEnumerable<string> names, Func<string, string, Random, string?>? domain = null)
    {
        _names = names.ToArray();
        _domain = domain;
    }

    /// <summary>Mutates <paramref name="json"/>; returns the UTF-8 body and what was done.</summary>
    public (byte[] Body, string Kind) Mutate(string json, Random random)
    {
        if (random.Next(10) == 0)
        {
            return (DamageText(Encoding.UTF8.GetBytes(json), random), "json-text");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);

            // JsonObject builds its dictionary lazily: a duplicate property only throws once the tree is walked.
            Collect(root, []);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Text a previous mutation left unparseable (or with a duplicate property JsonNode refuses): damage it further.
            return (DamageText(Encoding.UTF8.GetBytes(json), random), "json-text");
        }

        var kinds = new List<string>(3);
        var rounds = 1 + (random.Next(4) == 0 ? 1 + random.Next(2) : 0);
        string? raw = null;
        for (var i = 0; i < rounds; i++)
        {
            var (kind, replacedRoot, text) = MutateOnce(root, random);
            kinds.Add(kind);
            root = replacedRoot;
            if (text is not null)
            {
                raw = text;
                break;
            }
        }

        var body = Encoding.UTF8.GetBytes(raw ?? root?.ToJsonString() ?? "null");
        if (raw is null && random.Next(10) == 0)
        {
            body = DamageText(body, random);
            kinds.Add("json-text");
        }

        return (body, string.Join('+', kinds));
    }

    private (string Kind, JsonNode? Root, string? Raw) MutateOnce(JsonNode? root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var objects = nodes.OfType<JsonObject>().ToList();
        var values = nodes.Where(n => n.Parent is not null).ToList();
        switch (random.Next(10))
        {
            case 0 when objects.Count > 0 && objects[random.Next(objects.Count)] is { Count: > 0 } obj:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                return ("json-remove", root, null);
            case 1 when objects.Count > 0 && objects[random.Next(objects.Count)] is { Count: > 0 } obj:
                var (name, value) = obj.ElementAt(random.Next(obj.Count));
                obj.Remove(name);
                var renamed = random.Next(3) switch
                {
                    0 => name.ToUpperInvariant(),
                    1 => _names[random.Next(_names.Length)],
                    _ => name + "x",
                };
                obj[renamed] = value;
                return ("json-rename", root, null);
            case 2 when objects.Count > 0:
                objects[random.Next(objects.Count)][_names[random.Next(_names.Length)]] = RandomValue(random, 0);
                return ("json-add", root, null);
            case 3 when objects.Count > 0 && objects[random.Next(objects.Count)] is { Count: > 0 } obj:
                // A duplicate property, which JsonNode cannot hold: written as text.
                var (dupName, dupValue) = obj.ElementAt(random.Next(obj.Count));
                var text = root!.ToJsonString();
                var entry = $"{JsonSerializer.Serialize(dupName)}:{dupValue?.ToJsonString() ?? "null"}";
                var at = text.IndexOf(entry, StringComparison.Ordinal);
                return ("json-duplicate", root, at < 0 ? text : text.Insert(at, entry + ","));
            case 4 or 5 when values.Count > 0:
                Replace(values[random.Next(values.Count)], RandomValue(random, 0));
                return ("json-type", root, null);
            case 6 or 7 or 8 when values.Where(v => v.GetValueKind() == JsonValueKind.String).ToList() is { Count: > 0 } strings:
                var target = strings[random.Next(strings.Count)];
                Replace(target, JsonValue.Create(MutateString(NameOf(target), target.GetValue<string>(), random)));
                return ("json-string", root, null);
            default:
                var depth = 60 + random.Next(20);
                return ("json-deep", root, new string('[', depth) + (root?.ToJsonString() ?? "null") + new string(']', depth));
        }
    }

    private string MutateString(string name, string value, Random random)
    {
        if (_domain is not null && random.Next(2) == 0 && _domain(name, value, random) is { } domain)
        {
            return domain;
        }

        return random.Next(8) switch
        {
            0 => value.Length > 0 ? value[..random.Next(value.Length)] : "x",
            1 => value + value[..Math.Min(value.Length, 1 + random.Next(8))] + "0",
            2 => new string(random.Next(2) == 0 ? 'a' : 'z', StringLengths[random.Next(StringLengths.Length)]),
            3 => value.Length > 0 ? value.Remove(random.Next(value.Length), 1).Insert(random.Next(Math.Max(1, value.Length - 1)), "g") : "zz",
            4 => value.ToUpperInvariant() + " ",
            5 => "\u0000\u001f\u00e9\u4e2d\U0001F600\ud800".Substring(random.Next(3)),
            6 => " " + value + "\n",
            _ => random.Next(2) == 0 ? "0x" + value : value.Replace("0", ":0", StringComparison.Ordinal),
        };
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 1 ? 6 : 9))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
            case 3: return JsonValue.Create(new string('7', StringLengths[random.Next(StringLengths.Length)]));
            case 4: return JsonValue.Create(string.Empty);
            case 5: return JsonValue.Create("0011223344");
            case 6: return new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1));
            case 7: return new JsonObject { ["0"] = RandomValue(random, depth + 1), ["PCR16"] = JsonValue.Create(new string('0', 96)) };
            default: return new JsonArray();
        }
    }

    private static byte[] DamageText(byte[] body, Random random)
    {
        var text = new List<byte>(body);
        switch (random.Next(8))
        {
            case 0 when text.Count > 0:
                var cut = random.Next(text.Count);
                text.RemoveRange(cut, text.Count - cut);
                break;
            case 1 when text.Count > 0:
                text.RemoveAt(random.Next(text.Count));
                break;
            case 2 when text.Count > 0:
                text[random.Next(text.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 3:
                text.InsertRange(random.Next(text.Count + 1), new byte[] { 0xff, 0xfe, 0xc3 }[..(1 + random.Next(3))]);
                break;
            case 4:
                text.InsertRange(0, [0xef, 0xbb, 0xbf]);
                break;
            case 5:
                text.AddRange(Encoding.UTF8.GetBytes(random.Next(2) == 0 ? " // c" : "}"));
                break;
            case 6 when text.LastIndexOf((byte)'}') is var close && close > 0:
                text.Insert(close, (byte)',');
                break;
            default:
                text.AddRange(Encoding.UTF8.GetBytes(" {\"a\":1}"));
                break;
        }

        return [.. text];
    }

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj[node.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                break;
        }
    }

    private static string NameOf(JsonNode node) => node.Parent is JsonObject ? node.GetPropertyName() : string.Empty;

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Collect(child, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Collect(child, into);
                }

                break;
        }
    }
}
