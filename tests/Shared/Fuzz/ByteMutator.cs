namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// Seeded, structure-unaware mutations of bytes: bit flips, byte overwrites (often with CBOR-significant values),
/// truncations, insertions, deletions and duplications, stacked one to three deep. No test-framework dependency.
/// </summary>
internal sealed class ByteMutator
{
    // Initial bytes that change CBOR structure: 0, uint64 header, chunked bstr, indefinite array/map, break,
    // null, tag 18, array(4), empty map, bstr(1..2-byte length), text.
    private static readonly byte[] Interesting = [0x00, 0x1b, 0x5f, 0x9f, 0xbf, 0xff, 0xf6, 0xd2, 0x84, 0xa0, 0x58, 0x59, 0x60, 0x40, 0x20, 0x7f];

    private readonly Random _random;

    public ByteMutator(int seed)
        : this(new Random(seed))
    {
    }

    public ByteMutator(Random random) => _random = random;

    public byte[] Mutate(ReadOnlySpan<byte> original)
    {
        var data = new List<byte>(original.ToArray());
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds && data.Count > 0; i++)
        {
            MutateOnce(data);
        }

        return [.. data];
    }

    private void MutateOnce(List<byte> data)
    {
        var at = _random.Next(data.Count);
        switch (_random.Next(8))
        {
            case 0:
            case 1:
                data[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 2:
                data[at] = (byte)_random.Next(256);
                break;
            case 3:
                data[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 4:
                data.RemoveRange(at, data.Count - at);
                break;
            case 5:
                var insert = new byte[1 + _random.Next(8)];
                _random.NextBytes(insert);
                if (_random.Next(2) == 0)
                {
                    insert[0] = Interesting[_random.Next(Interesting.Length)];
                }

                data.InsertRange(at, insert);
                break;
            case 6:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                break;
            default:
                var length = Math.Min(data.Count - at, 1 + _random.Next(32));
                data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                break;
        }
    }
}
