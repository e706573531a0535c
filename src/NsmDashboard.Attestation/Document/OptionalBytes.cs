namespace NsmDashboard.Attestation;

/// <summary>
/// An optional byte-string field that tells apart absent, <c>null</c>, empty and non-empty
/// (see <see cref="OptionalBytesKind"/>). <c>default</c> is <see cref="Absent"/>.
/// </summary>
public readonly struct OptionalBytes : IEquatable<OptionalBytes>
{
    private readonly ReadOnlyMemory<byte> _value;

    private OptionalBytes(OptionalBytesKind kind, ReadOnlyMemory<byte> value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>The field is not in the map.</summary>
    public static OptionalBytes Absent => default;

    /// <summary>The field is present as CBOR <c>null</c>.</summary>
    public static OptionalBytes Null => new(OptionalBytesKind.Null, default);

    /// <summary>How the field was sent.</summary>
    public OptionalBytesKind Kind { get; }

    /// <summary><see langword="true"/> when the field carries a byte string, empty or not.</summary>
    public bool HasBytes => Kind is OptionalBytesKind.Empty or OptionalBytesKind.Bytes;

    /// <summary>The bytes; empty unless <see cref="HasBytes"/> (use <see cref="Kind"/> to tell why).</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>The number of bytes; 0 unless <see cref="HasBytes"/>.</summary>
    public int Length => _value.Length;

    /// <summary>A present byte string (an empty one gives <see cref="OptionalBytesKind.Empty"/>).</summary>
    public static OptionalBytes FromBytes(ReadOnlyMemory<byte> value) =>
        new(value.IsEmpty ? OptionalBytesKind.Empty : OptionalBytesKind.Bytes, value);

    /// <summary>Gets the bytes when the field carries a byte string.</summary>
    public bool TryGetBytes(out ReadOnlyMemory<byte> value)
    {
        value = _value;
        return HasBytes;
    }

    /// <inheritdoc/>
    public bool Equals(OptionalBytes other) => Kind == other.Kind && _value.Span.SequenceEqual(other._value.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OptionalBytes other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.AddBytes(_value.Span);
        return hash.ToHashCode();
    }

    /// <summary><c>absent</c>, <c>null</c>, <c>empty</c> or <c>N bytes</c>.</summary>
    public override string ToString() => Kind switch
    {
        OptionalBytesKind.Absent => "absent",
        OptionalBytesKind.Null => "null",
        OptionalBytesKind.Empty => "empty",
        _ => $"{_value.Length} bytes",
    };

    /// <summary>Value equality.</summary>
    public static bool operator ==(OptionalBytes left, OptionalBytes right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(OptionalBytes left, OptionalBytes right) => !left.Equals(right);
}
