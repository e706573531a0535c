namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// Structure-aware mutation of CBOR messages (attestation documents, NSM requests and responses): the message is parsed
/// into <see cref="CborNode"/>s — byte strings holding CBOR (the COSE payload, the protected header, a document inside a
/// response) included — and one to three of these are applied: map keys replaced (known field names, case changes, other
/// types, duplicates), map entries removed, duplicated, reordered or added, values replaced by other types or boundary
/// values, integers re-encoded wider or with another sign, lengths that lie, tags added or removed, definite ↔ indefinite
/// lengths (arrays, maps, chunked strings), array items swapped, removed, duplicated or reversed (cabundle entries),
/// items spliced in from another seed, byte-string contents flipped, cut or grown (certificates, signatures, PCRs),
/// truncation at an item boundary; and, in a share of cases, byte-level mutation (<see cref="ByteMutator"/>) on top or
/// instead. Seeded and deterministic. No test-framework dependency.
/// </summary>
internal sealed class CborMutator
{
    private static readonly ulong[] IntegerBoundaries =
        [0, 1, 15, 16, 23, 24, 31, 32, 47, 48, 63, 64, 255, 256, 4095, 4096, 4097, 65535, 65536, int.MaxValue, uint.MaxValue, (ulong)uint.MaxValue + 1, long.MaxValue, ulong.MaxValue];

    private static readonly int[] ByteLengths = [0, 1, 2, 31, 32, 33, 47, 48, 49, 64, 96, 97, 1024, 1025, 4096, 4097];

    private static readonly ulong[] Tags = [0, 1, 2, 18, 24, 55799, 98, 1_000_000, ulong.MaxValue];

    private readonly CborNode?[] _seeds;
    private readonly string[] _keys;

    // The source of every choice of the current call (one per input, so any input can be replayed alone).
    private Random _random = new(0);
    private ByteMutator _bytes = new(0);

    /// <param name="seeds">The messages being mutated (items are spliced between them).</param>
    /// <param name="keys">Field names worth trying as map keys and text values.</param>
    public CborMutator(IEnumerable<byte[]> seeds, IEnumerable<string> keys)
    {
        _seeds = seeds.Select(s => CborNode.TryParse(s)).ToArray();
        _keys = keys.ToArray();
    }

    /// <summary>Mutates <paramref name="original"/>; returns the bytes and what was done (e.g. <c>map-key+length</c>, <c>bytes</c>). Not thread-safe.</summary>
    public (byte[] Bytes, string Kind) Mutate(ReadOnlySpan<byte> original, Random random)
    {
        _random = random;
        _bytes = new ByteMutator(random);
        var root = _random.Next(8) == 0 ? null : CborNode.TryParse(original);
        if (root is null)
        {
            return (_bytes.Mutate(original), "bytes");
        }

        var kinds = new List<string>(3);
        var rounds = 1 + (_random.Next(4) == 0 ? 1 + _random.Next(2) : 0);
        byte[]? cut = null;
        for (var i = 0; i < rounds; i++)
        {
            var kind = MutateOnce(root, out cut);
            kinds.Add(kind);
            if (cut is not null)
            {
                break;
            }
        }

        var result = cut ?? root.Encode();
        if (cut is null && _random.Next(8) == 0)
        {
            result = _bytes.Mutate(result);
            kinds.Add("bytes");
        }

        return (result, string.Join('+', kinds));
    }

    private string MutateOnce(CborNode root, out byte[]? cut)
    {
        cut = null;
        var nodes = new List<CborNode>(64);
        root.Collect(nodes);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            switch (_random.Next(13))
            {
                case 0 when Pick(nodes, n => n.IsMap && n.Children.Count >= 2) is { } map:
                    MutateKey(map);
                    return "map-key";
                case 1 when Pick(nodes, n => n.IsMap) is { } map:
                    MutateEntries(map);
                    return "map-entry";
                case 2 or 3 when PickChildSlot(nodes) is var (parent, index) && parent is not null:
                    parent.Children[index] = RandomValue(0);
                    return "value";
                case 4 when Pick(nodes, n => n.IsInteger) is { } integer:
                    MutateInteger(integer);
                    return "integer";
                case 5 when Pick(nodes, n => !n.Indefinite && n.Major is 2 or 3 or 4 or 5) is { } sized:
                    sized.LengthOverride = LieAbout(sized);
                    return "length";
                case 6:
                    MutateTag(nodes);
                    return "tag";
                case 7 when Pick(nodes, n => n.Major is 2 or 3 or 4 or 5) is { } container:
                    ToggleDefinite(container);
                    return "definite";
                case 8 when Pick(nodes, n => n.IsArray && n.Children.Count >= 1) is { } array:
                    MutateArray(array);
                    return "array";
                case 9 when PickChildSlot(nodes) is var (parent, index) && parent is not null && Splice(parent.Children[index]) is { } donor:
                    parent.Children[index] = donor;
                    return "splice";
                case 10 or 11 when Pick(nodes, n => n.Major == 2 && !n.Indefinite && n.Embedded is null) is { } bytes:
                    MutateContent(bytes);
                    return "content";
                case 12:
                    var boundaries = new List<(int Start, int End)>();
                    var encoded = root.Encode(boundaries);
                    var (start, end) = boundaries[_random.Next(boundaries.Count)];
                    var at = _random.Next(3) switch { 0 => start, 1 => end, _ => Math.Max(start, end - 1) };
                    cut = encoded[..Math.Min(at, encoded.Length)];
                    return "truncate";
            }
        }

        // Nothing applicable was drawn (a tiny message): replace the whole value inside it or retag the root.
        MutateTag(nodes);
        return "tag";
    }

    private CborNode? Pick(List<CborNode> nodes, Func<CborNode, bool> match)
    {
        var matching = nodes.Where(match).ToList();
        return matching.Count == 0 ? null : matching[_random.Next(matching.Count)];
    }

    /// <summary>A parent and the index of one of its children (string chunks excluded: they must stay strings).</summary>
    private (CborNode? Parent, int Index) PickChildSlot(List<CborNode> nodes)
    {
        var parent = Pick(nodes, n => n.Children.Count > 0 && n.Major is 4 or 5 or 6);
        return parent is null ? (null, 0) : (parent, _random.Next(parent.Children.Count));
    }

    private void MutateKey(CborNode map)
    {
        var keyIndex = 2 * _random.Next(map.Children.Count / 2);
        var key = map.Children[keyIndex];
        map.Children[keyIndex] = _random.Next(6) switch
        {
            0 or 1 when _keys.Length > 0 => CborNode.Text(_keys[_random.Next(_keys.Length)]),
            2 when key.AsText() is { Length: > 0 } text => CborNode.Text(FlipCase(text)),
            3 => map.Children[2 * _random.Next(map.Children.Count / 2)].Clone(), // a duplicate key
            4 => CborNode.UInt((ulong)_random.Next(64)),
            _ => RandomValue(1),
        };
    }

    private void MutateEntries(CborNode map)
    {
        var entries = map.Children.Count / 2;
        var index = entries == 0 ? 0 : 2 * _random.Next(entries);
        switch (_random.Next(4))
        {
            case 0 when entries > 0:
                map.Children.RemoveRange(index, 2);
                break;
            case 1 when entries > 0:
                map.Children.InsertRange(2 * _random.Next(entries + 1), [map.Children[index].Clone(), map.Children[index + 1].Clone()]);
                break;
            case 2 when entries > 1:
                var other = 2 * _random.Next(entries);
                (map.Children[index], map.Children[other]) = (map.Children[other], map.Children[index]);
                (map.Children[index + 1], map.Children[other + 1]) = (map.Children[other + 1], map.Children[index + 1]);
                break;
            default:
                var key = _keys.Length > 0 && _random.Next(3) != 0 ? CborNode.Text(_keys[_random.Next(_keys.Length)]) : RandomValue(1);
                map.Children.InsertRange(2 * _random.Next(entries + 1), [key, RandomValue(1)]);
                break;
        }
    }

    private void MutateInteger(CborNode integer)
    {
        switch (_random.Next(4))
        {
            case 0:
                integer.Argument = IntegerBoundaries[_random.Next(IntegerBoundaries.Length)];
                integer.ArgumentWidth = CborNode.ShortestWidth(integer.Argument);
                break;
            case 1:
                // The same value in a longer head than needed (valid CBOR, not canonical).
                integer.ArgumentWidth = new[] { 1, 2, 4, 8 }[_random.Next(4)];
                break;
            case 2:
                integer.Major = integer.Major == 0 ? 1 : 0;
                break;
            default:
                integer.Argument += (ulong)_random.Next(-2, 3);
                break;
        }
    }

    private ulong LieAbout(CborNode node)
    {
        var real = node.IsString ? (ulong)(node.Embedded?.Encode().Length ?? node.Content.Length)
            : node.IsArray ? (ulong)node.Children.Count : (ulong)node.Children.Count / 2;
        return _random.Next(4) switch
        {
            0 => real + 1,
            1 => real == 0 ? 1 : real - 1,
            2 => real + (ulong)_random.Next(2, 64),
            _ => IntegerBoundaries[_random.Next(IntegerBoundaries.Length)],
        };
    }

    private void MutateTag(List<CborNode> nodes)
    {
        var tag = Pick(nodes, n => n.IsTag);
        var (parent, index) = PickChildSlot(nodes);
        if (tag is not null && _random.Next(2) == 0)
        {
            // Unwrap: the tag node becomes its item.
            var item = tag.Children[0];
            tag.Major = item.Major;
            tag.Argument = item.Argument;
            tag.ArgumentWidth = item.ArgumentWidth;
            tag.Indefinite = item.Indefinite;
            tag.LengthOverride = item.LengthOverride;
            tag.Content = item.Content;
            tag.Embedded = item.Embedded;
            tag.Children.Clear();
            tag.Children.AddRange(item.Children);
        }
        else if (parent is not null)
        {
            parent.Children[index] = CborNode.Tag(Tags[_random.Next(Tags.Length)], parent.Children[index]);
        }
        else
        {
            // Only the root: wrap it (a tagged COSE_Sign1, or a tag where none belongs).
            var root = nodes[0];
            var copy = root.Clone();
            root.Major = 6;
            root.Argument = Tags[_random.Next(Tags.Length)];
            root.ArgumentWidth = CborNode.ShortestWidth(root.Argument);
            root.Indefinite = false;
            root.LengthOverride = null;
            root.Content = [];
            root.Embedded = null;
            root.Children.Clear();
            root.Children.Add(copy);
        }
    }

    private void ToggleDefinite(CborNode node)
    {
        if (node.IsString)
        {
            if (node.Indefinite)
            {
                // Chunks → one definite string.
                node.Content = node.Children.SelectMany(c => c.Content).ToArray();
                node.Children.Clear();
                node.Indefinite = false;
                node.ArgumentWidth = CborNode.ShortestWidth((ulong)node.Content.Length);
            }
            else
            {
                // One string → chunks (an empty chunk now and then, which RFC 8949 allows).
                var content = node.Embedded?.Encode() ?? node.Content;
                node.Embedded = null;
                node.Content = [];
                node.Indefinite = true;
                var at = 0;
                var chunks = 1 + _random.Next(3);
                for (var i = 0; i < chunks; i++)
                {
                    var length = i == chunks - 1 ? content.Length - at : _random.Next(content.Length - at + 1);
                    var chunk = content[at..(at + length)];
                    node.Children.Add(node.Major == 2 ? CborNode.Bytes(chunk) : CborNode.Text(chunk));
                    at += length;
                }
            }
        }
        else
        {
            node.Indefinite = !node.Indefinite;
            node.LengthOverride = null;
        }
    }

    private void MutateArray(CborNode array)
    {
        var items = array.Children;
        var i = _random.Next(items.Count);
        var j = _random.Next(items.Count);
        switch (_random.Next(5))
        {
            case 0:
                (items[i], items[j]) = (items[j], items[i]);
                break;
            case 1:
                items.RemoveAt(i);
                break;
            case 2:
                items.Insert(j, items[i].Clone());
                break;
            case 3:
                items.Reverse();
                break;
            default:
                items.Insert(j, RandomValue(1));
                break;
        }
    }

    /// <summary>An item from another seed, of the same major type when there is one (a certificate from another bundle).</summary>
    private CborNode? Splice(CborNode like)
    {
        var donor = _seeds[_random.Next(_seeds.Length)];
        if (donor is null)
        {
            return null;
        }

        var nodes = new List<CborNode>(64);
        donor.Collect(nodes);
        return (Pick(nodes, n => n.Major == like.Major) ?? nodes[_random.Next(nodes.Count)]).Clone();
    }

    private void MutateContent(CborNode bytes)
    {
        var content = bytes.Content.ToList();
        switch (_random.Next(4))
        {
            case 0 or 1 when content.Count > 0:
                for (var flips = 1 + _random.Next(3); flips > 0; flips--)
                {
                    content[_random.Next(content.Count)] ^= (byte)(1 << _random.Next(8));
                }

                break;
            case 2 when content.Count > 0:
                var from = _random.Next(content.Count);
                content.RemoveRange(from, Math.Min(content.Count - from, 1 + _random.Next(16)));
                break;
            default:
                var extra = new byte[1 + _random.Next(16)];
                _random.NextBytes(extra);
                content.InsertRange(_random.Next(content.Count + 1), extra);
                break;
        }

        bytes.Content = [.. content];
        bytes.ArgumentWidth = Math.Max(bytes.ArgumentWidth, CborNode.ShortestWidth((ulong)content.Count));
    }

    private CborNode RandomValue(int depth)
    {
        switch (_random.Next(depth > 2 ? 9 : 12))
        {
            case 0:
                return CborNode.UInt(IntegerBoundaries[_random.Next(IntegerBoundaries.Length)]);
            case 1:
                return CborNode.NegInt(IntegerBoundaries[_random.Next(IntegerBoundaries.Length)]);
            case 2:
                var bytes = new byte[ByteLengths[_random.Next(ByteLengths.Length)]];
                _random.NextBytes(bytes);
                return CborNode.Bytes(bytes);
            case 3:
                return _keys.Length > 0 && _random.Next(2) == 0
                    ? CborNode.Text(_keys[_random.Next(_keys.Length)])
                    : CborNode.Text(_random.Next(4) switch
                    {
                        0 => [0xff, 0xfe, 0xc3], // not UTF-8
                        1 => System.Text.Encoding.UTF8.GetBytes(new string('A', ByteLengths[_random.Next(ByteLengths.Length)])),
                        2 => System.Text.Encoding.UTF8.GetBytes("\u00e9\u4e2d\U0001F600\0"),
                        _ => [],
                    });
            case 4:
                return CborNode.Simple((byte)new[] { 20, 21, 22, 23, 0, 19 }[_random.Next(6)]);
            case 5:
                // A float: half 0x7e00 (NaN), single +inf, double 0.5.
                return _random.Next(3) switch
                {
                    0 => new CborNode { Major = 7, Argument = 25, Content = [0x7e, 0x00] },
                    1 => new CborNode { Major = 7, Argument = 26, Content = [0x7f, 0x80, 0x00, 0x00] },
                    _ => new CborNode { Major = 7, Argument = 27, Content = [0x3f, 0xe0, 0, 0, 0, 0, 0, 0] },
                };
            case 6:
                return CborNode.Array([], indefinite: _random.Next(2) == 0);
            case 7:
                return CborNode.Map([], indefinite: _random.Next(2) == 0);
            case 8:
                return CborNode.Tag(Tags[_random.Next(Tags.Length)], CborNode.UInt((ulong)_random.Next(100)));
            case 9:
                return CborNode.Array(Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => RandomValue(depth + 1)));
            case 10:
                return CborNode.Map(Enumerable.Range(0, 1 + _random.Next(3)).SelectMany(_ => new[] { RandomValue(depth + 1), RandomValue(depth + 1) }));
            default:
                // Deep nesting: arrays inside arrays.
                var node = CborNode.UInt(0);
                for (var level = 0; level < 8 + _random.Next(40); level++)
                {
                    node = CborNode.Array([node]);
                }

                return node;
        }
    }

    private string FlipCase(string text)
    {
        var chars = text.ToCharArray();
        var i = _random.Next(chars.Length);
        chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }
}
