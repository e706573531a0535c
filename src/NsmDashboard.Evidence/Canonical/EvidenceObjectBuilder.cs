namespace NsmDashboard.Evidence.Canonical;

/// <summary>Collects members for an <see cref="EvidenceObject"/>; names must be unique.</summary>
public sealed class EvidenceObjectBuilder
{
    private readonly List<KeyValuePair<string, EvidenceValue>> _members;

    /// <summary>An empty builder.</summary>
    public EvidenceObjectBuilder(int capacity = 16)
    {
        _members = new List<KeyValuePair<string, EvidenceValue>>(capacity);
    }

    /// <summary>How many members were added.</summary>
    public int Count => _members.Count;

    /// <summary>Adds a member.</summary>
    /// <exception cref="ArgumentException">The name is not well-formed Unicode.</exception>
    public EvidenceObjectBuilder Add(string name, EvidenceValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!EvidenceValue.IsWellFormed(name))
        {
            throw new ArgumentException("A member name holds a lone surrogate.", nameof(name));
        }

        _members.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a string member.</summary>
    public EvidenceObjectBuilder Add(string name, string value) => Add(name, EvidenceValue.Of(value));

    /// <summary>Adds an integer member.</summary>
    public EvidenceObjectBuilder Add(string name, long value) => Add(name, EvidenceValue.Of(value));

    /// <summary>Adds a boolean member.</summary>
    public EvidenceObjectBuilder Add(string name, bool value) => Add(name, EvidenceValue.Of(value));

    /// <summary>Adds a string member when the value is not null; absent members are left out, never written as null.</summary>
    public EvidenceObjectBuilder AddIfPresent(string name, string? value) => value is null ? this : Add(name, value);

    /// <summary>Adds an integer member when the value is not null.</summary>
    public EvidenceObjectBuilder AddIfPresent(string name, long? value) => value is { } v ? Add(name, v) : this;

    /// <summary>The object, members sorted by UTF-16 code units (RFC 8785 §3.2.3).</summary>
    /// <exception cref="ArgumentException">Two members have the same name.</exception>
    public EvidenceObject Build()
    {
        var members = _members.ToArray();
        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 1; i < members.Length; i++)
        {
            if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The member \"{members[i].Key}\" is given twice.");
            }
        }

        return new EvidenceObject(members);
    }
}
