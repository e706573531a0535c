using System.Diagnostics.CodeAnalysis;

namespace NsmDashboard.Evidence.Canonical;

/// <summary>
/// A JSON object of a trail line: unique member names, kept sorted as RFC 8785 §3.2.3 sorts them (by UTF-16 code
/// units, which is <see cref="string.CompareOrdinal(string, string)"/>). Build one with <see cref="EvidenceObjectBuilder"/>.
/// </summary>
public sealed class EvidenceObject : EvidenceValue
{
    private readonly KeyValuePair<string, EvidenceValue>[] _members;

    internal EvidenceObject(KeyValuePair<string, EvidenceValue>[] sortedMembers)
    {
        _members = sortedMembers;
    }

    /// <summary>An object without members.</summary>
    public static EvidenceObject Empty { get; } = new([]);

    /// <inheritdoc/>
    public override EvidenceValueKind Kind => EvidenceValueKind.Object;

    /// <summary>The members in canonical order.</summary>
    public IReadOnlyList<KeyValuePair<string, EvidenceValue>> Members => _members;

    /// <summary>How many members there are.</summary>
    public int Count => _members.Length;

    /// <summary>The value of a member.</summary>
    public bool TryGetValue(string name, [NotNullWhen(true)] out EvidenceValue? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        int low = 0, high = _members.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_members[middle].Key, name);
            if (order == 0)
            {
                value = _members[middle].Value;
                return true;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Whether a member is present.</summary>
    public bool Contains(string name) => TryGetValue(name, out _);

    /// <inheritdoc/>
    public override bool Equals(EvidenceValue? other)
    {
        if (other is not EvidenceObject o || o._members.Length != _members.Length)
        {
            return false;
        }

        for (var i = 0; i < _members.Length; i++)
        {
            if (!string.Equals(_members[i].Key, o._members[i].Key, StringComparison.Ordinal) || !_members[i].Value.Equals(o._members[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _members)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
