using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// A SHA-384 digest (48 bytes) held inline, so that a window of a hundred thousand chained records costs no
/// array per hash. Written in trails as 96 lowercase hex digits.
/// </summary>
public readonly struct EvidenceHash : IEquatable<EvidenceHash>
{
    /// <summary>The length of a SHA-384 digest.</summary>
    public const int Length = 48;

    /// <summary>The length of its hex text.</summary>
    public const int HexLength = Length * 2;

    private readonly Bytes48 _bytes;

    private EvidenceHash(Bytes48 bytes)
    {
        _bytes = bytes;
    }

    /// <summary>SHA-384 of some bytes.</summary>
    public static EvidenceHash Compute(ReadOnlySpan<byte> data)
    {
        var bytes = default(Bytes48);
        SHA384.HashData(data, bytes);
        return new EvidenceHash(bytes);
    }

    /// <summary>A digest from its 48 bytes.</summary>
    /// <exception cref="ArgumentException">Not 48 bytes.</exception>
    public static EvidenceHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Length)
        {
            throw new ArgumentException($"A SHA-384 digest has {Length} bytes, not {digest.Length}.", nameof(digest));
        }

        var bytes = default(Bytes48);
        digest.CopyTo(bytes);
        return new EvidenceHash(bytes);
    }

    /// <summary>Parses 96 lowercase hex digits — the only form a trail uses, so that a record has one spelling.</summary>
    public static bool TryParse([NotNullWhen(true)] string? hex, out EvidenceHash hash)
    {
        hash = default;
        if (hex is not { Length: HexLength } || !LowerHex.IsValid(hex))
        {
            return false;
        }

        var bytes = default(Bytes48);
        Convert.FromHexString(hex, bytes, out _, out _);
        hash = new EvidenceHash(bytes);
        return true;
    }

    /// <summary>Copies the 48 bytes out.</summary>
    public void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)_bytes).CopyTo(destination);

    /// <summary>The 48 bytes.</summary>
    public byte[] ToArray() => ((ReadOnlySpan<byte>)_bytes).ToArray();

    /// <summary>Whether these are the given bytes.</summary>
    public bool SequenceEqual(ReadOnlySpan<byte> other) => ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other);

    /// <summary>96 lowercase hex digits.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);

    /// <summary>The first 12 hex digits, for text output (never for comparisons).</summary>
    public string ToShortString() => ToString()[..12];

    /// <inheritdoc/>
    public bool Equals(EvidenceHash other) => ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EvidenceHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_bytes);

    /// <summary>Equality.</summary>
    public static bool operator ==(EvidenceHash left, EvidenceHash right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(EvidenceHash left, EvidenceHash right) => !left.Equals(right);

    [InlineArray(Length)]
    private struct Bytes48
    {
        private byte _element;
    }
}
