namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// The size of an ExtendPCR request on the wire, against the 4096-byte request limit
/// (<see cref="NsmLimits.RequestMaxSize"/>, docs/nsm-ioctl.md#sizes, docs/pcrs.md#extend).
/// </summary>
public static class ExtendRequestSize
{
    /// <summary>
    /// The exact length of the CBOR request <c>{"ExtendPCR": {"index": i, "data": bstr}}</c>, as the codec
    /// encodes it. The data is encoded only when it could fit; anything longer is over the limit anyway
    /// and is sized arithmetically (docs/nsm-messages.md#encoding-rules: shortest integer and length forms).
    /// </summary>
    public static int Of(ushort index, ReadOnlyMemory<byte> data) =>
        data.Length <= NsmLimits.RequestMaxSize
            ? NsmCbor.EncodeRequest(new ExtendPcrRequest(index, data)).Length
            : Overhead(index, data.Length) + data.Length;

    /// <summary>Whether a request extending <paramref name="index"/> with <paramref name="data"/> fits the limit.</summary>
    public static bool Fits(ushort index, ReadOnlyMemory<byte> data) => Of(index, data) <= NsmLimits.RequestMaxSize;

    /// <summary>The most data bytes an ExtendPCR request for <paramref name="index"/> can carry.</summary>
    public static int MaxDataLength(ushort index)
    {
        // The byte-string header grows with the length, so try the longest candidate for each header size.
        var best = 0;
        foreach (var headerLimit in (int[])[23, 255, 65535])
        {
            var candidate = Math.Min(headerLimit, NsmLimits.RequestMaxSize - Overhead(index, headerLimit));
            if (candidate >= 0 && Overhead(index, candidate) + candidate <= NsmLimits.RequestMaxSize)
            {
                best = Math.Max(best, candidate);
            }
        }

        return best;
    }

    // a1 | 69 "ExtendPCR" | a2 | 65 "index" | uint | 64 "data" | bstr header  (docs/nsm-messages.md#hex-vectors)
    private static int Overhead(ushort index, int dataLength) =>
        1 + 10 + 1 + 6 + UnsignedLength(index) + 5 + UnsignedLength((ulong)dataLength);

    private static int UnsignedLength(ulong value) => value switch
    {
        < 24 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };
}
