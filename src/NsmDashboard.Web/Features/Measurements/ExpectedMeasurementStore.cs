using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// The named expected-measurement sets the operator loaded (nitro-cli JSON or values by hand), in memory: an
/// enclave has no disk. Several sets coexist, so the previous and the new release both compare after a redeploy;
/// adding a set under an existing name replaces it.
/// </summary>
public sealed class ExpectedMeasurementStore(TimeProvider timeProvider)
{
    /// <summary>How many sets the store keeps at most (each is a few hundred bytes).</summary>
    public const int MaxSets = 64;

    private readonly Lock _lock = new();
    private readonly List<ExpectedMeasurementSet> _sets = [];

    /// <summary>Raised after a set is added, replaced or removed.</summary>
    public event Action? Changed;

    /// <summary>The sets, in the order they were added.</summary>
    public IReadOnlyList<ExpectedMeasurementSet> Sets
    {
        get
        {
            lock (_lock)
            {
                return [.. _sets];
            }
        }
    }

    /// <summary>How many sets there are; tables skip the badge components altogether while there are none.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sets.Count;
            }
        }
    }

    /// <summary>The expected PCR sets alone, for comparisons.</summary>
    public IReadOnlyList<ExpectedPcrSet> PcrSets => [.. Sets.Select(s => s.Set)];

    /// <summary>Adds a set, or replaces the set with the same name (case-insensitive).</summary>
    /// <exception cref="InvalidOperationException">The store already holds <see cref="MaxSets"/> other sets.</exception>
    public ExpectedMeasurementSet Add(ExpectedPcrSet set, string source)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(source);
        var added = new ExpectedMeasurementSet(set, source, timeProvider.GetUtcNow());
        lock (_lock)
        {
            var existing = _sets.FindIndex(s => string.Equals(s.Name, set.Name, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0)
            {
                _sets[existing] = added;
            }
            else if (_sets.Count >= MaxSets)
            {
                throw new InvalidOperationException($"The dashboard keeps at most {MaxSets} expected sets; delete one first.");
            }
            else
            {
                _sets.Add(added);
            }
        }

        Changed?.Invoke();
        return added;
    }

    /// <summary>Removes the set with this name (case-insensitive); false when there is none.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool removed;
        lock (_lock)
        {
            removed = _sets.RemoveAll(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) > 0;
        }

        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Marks one PCR value against every set.</summary>
    public MeasurementMark Mark(int index, ReadOnlySpan<byte> value, bool debugMode) =>
        MeasurementMark.For(index, value, debugMode, PcrSets);
}
