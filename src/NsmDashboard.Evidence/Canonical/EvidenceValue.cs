using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NsmDashboard.Evidence.Canonical;

/// <summary>
/// One JSON value of a trail line, immutable. Only what RFC 8785 canonicalises the same way everywhere is allowed:
/// integers within ±(2⁵³ − 1) (no fractions, no exponents), strings of well-formed Unicode, objects with unique
/// names. Lines are parsed into this model (<see cref="EvidenceJson"/>) and written from it (<see cref="CanonicalJson"/>).
/// </summary>
public abstract class EvidenceValue : IEquatable<EvidenceValue>
{
    /// <summary>The largest integer a trail holds: 2⁵³ − 1, exact as an IEEE 754 double (RFC 8785 §3.2.2.3).</summary>
    public const long MaxInteger = (1L << 53) - 1;

    private protected EvidenceValue()
    {
    }

    /// <summary><c>null</c>.</summary>
    public static EvidenceValue Null { get; } = new NullValue();

    /// <summary><c>true</c>.</summary>
    public static EvidenceValue True { get; } = new BooleanValue(true);

    /// <summary><c>false</c>.</summary>
    public static EvidenceValue False { get; } = new BooleanValue(false);

    /// <summary>What this value is.</summary>
    public abstract EvidenceValueKind Kind { get; }

    /// <summary>A boolean.</summary>
    public static EvidenceValue Of(bool value) => value ? True : False;

    /// <summary>An integer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Beyond ±<see cref="MaxInteger"/>.</exception>
    public static EvidenceValue Of(long value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxInteger);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, -MaxInteger);
        return new IntegerValue(value);
    }

    /// <summary>A string.</summary>
    /// <exception cref="ArgumentException">It holds a lone surrogate (not well-formed Unicode).</exception>
    public static EvidenceValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsWellFormed(value))
        {
            throw new ArgumentException("The string holds a lone surrogate; a trail holds well-formed Unicode only.", nameof(value));
        }

        return new StringValue(value);
    }

    /// <summary>An array of values.</summary>
    public static EvidenceValue Of(IEnumerable<EvidenceValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return new ArrayValue(array);
    }

    /// <summary>Reads a boolean.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = this is BooleanValue b && b.Value;
        return this is BooleanValue;
    }

    /// <summary>Reads an integer.</summary>
    public bool TryGetInteger(out long value)
    {
        value = this is IntegerValue i ? i.Value : 0;
        return this is IntegerValue;
    }

    /// <summary>Reads a string.</summary>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = (this as StringValue)?.Value;
        return value is not null;
    }

    /// <summary>Reads an array.</summary>
    public bool TryGetArray([NotNullWhen(true)] out IReadOnlyList<EvidenceValue>? items)
    {
        items = (this as ArrayValue)?.Items;
        return items is not null;
    }

    /// <summary>Reads an object.</summary>
    public bool TryGetObject([NotNullWhen(true)] out EvidenceObject? value)
    {
        value = this as EvidenceObject;
        return value is not null;
    }

    /// <inheritdoc/>
    public abstract bool Equals(EvidenceValue? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EvidenceValue);

    /// <inheritdoc/>
    public abstract override int GetHashCode();

    /// <summary>The value's canonical JSON text (RFC 8785).</summary>
    public override string ToString() => Encoding.UTF8.GetString(CanonicalJson.Serialize(this));

    /// <summary>Whether a string is well-formed UTF-16: every surrogate is half of a pair.</summary>
    internal static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    internal sealed class NullValue : EvidenceValue
    {
        public override EvidenceValueKind Kind => EvidenceValueKind.Null;

        public override bool Equals(EvidenceValue? other) => other is NullValue;

        public override int GetHashCode() => 0;
    }

    internal sealed class BooleanValue(bool value) : EvidenceValue
    {
        public bool Value { get; } = value;

        public override EvidenceValueKind Kind => EvidenceValueKind.Boolean;

        public override bool Equals(EvidenceValue? other) => other is BooleanValue b && b.Value == Value;

        public override int GetHashCode() => Value ? 1 : 2;
    }

    internal sealed class IntegerValue(long value) : EvidenceValue
    {
        public long Value { get; } = value;

        public override EvidenceValueKind Kind => EvidenceValueKind.Integer;

        public override bool Equals(EvidenceValue? other) => other is IntegerValue i && i.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    internal sealed class StringValue(string value) : EvidenceValue
    {
        public string Value { get; } = value;

        public override EvidenceValueKind Kind => EvidenceValueKind.String;

        public override bool Equals(EvidenceValue? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
    }

    internal sealed class ArrayValue(EvidenceValue[] items) : EvidenceValue
    {
        public IReadOnlyList<EvidenceValue> Items { get; } = items;

        public override EvidenceValueKind Kind => EvidenceValueKind.Array;

        public override bool Equals(EvidenceValue? other) =>
            other is ArrayValue a && a.Items.Count == Items.Count && a.Items.SequenceEqual(Items);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var item in Items)
            {
                hash.Add(item);
            }

            return hash.ToHashCode();
        }
    }
}
