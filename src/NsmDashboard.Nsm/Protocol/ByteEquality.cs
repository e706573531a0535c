namespace NsmDashboard.Nsm.Protocol;

/// <summary>Value equality for the byte fields of protocol records (records compare memory by reference otherwise).</summary>
internal static class ByteEquality
{
    public static bool Equal(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) => a.Span.SequenceEqual(b.Span);

    public static bool Equal(ReadOnlyMemory<byte>? a, ReadOnlyMemory<byte>? b) =>
        a.HasValue == b.HasValue && (!a.HasValue || a.Value.Span.SequenceEqual(b!.Value.Span));

    public static int Hash(ReadOnlyMemory<byte>? value)
    {
        if (value is not { } memory)
        {
            return -1;
        }

        var hash = new HashCode();
        hash.AddBytes(memory.Span);
        return hash.ToHashCode();
    }
}
