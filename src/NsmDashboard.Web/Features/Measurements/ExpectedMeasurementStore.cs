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

    /// <summary>The expected PCR sets alone, of either kind.</summary>
    public IReadOnlyList<ExpectedPcrSet> PcrSets => [.. Sets.Select(s => s.Set)];

    /// <summary>
    /// The expected PCR sets of one kind: Nitro Enclave sets for the live NSM and enclave documents, NitroTPM sets
    /// for NitroTPM documents. A set is never compared with PCRs of the other kind.
    /// </summary>
    public IReadOnlyList<ExpectedPcrSet> PcrSetsOf(AttestationDocumentKind kind) => [.. Sets.Select(s => s.Set).Where(s => s.Kind == kind)];

    /// <summary>
    /// Adds a set, or replaces the set with the same name (case-insensitive). Callers other than tests go through
    /// <see cref="Operations.TrustDataOperations"/>, which checks the role and records it in the audit trail.
    /// </summary>
    /// <param name="set">The name, kind and values.</param>
    /// <param name="source">Where the values came from.</param>
    /// <param name="warnings">What a policy of these values would leave open (a NitroTPM set without PCR7 or PCR12).</param>
    /// <param name="dataSha384">SHA-384 (lowercase hex) of the data the set was made from, as the audit trail records it.</param>
    /// <exception cref="InvalidOperationException">The store already holds <see cref="MaxSets"/> other sets.</exception>
    public ExpectedMeasurementSet Add(ExpectedPcrSet set, string source, IReadOnlyList<string>? warnings = null, string? dataSha384 = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(source);
        var added = new ExpectedMeasurementSet(set, source, timeProvider.GetUtcNow()) { Warnings = warnings ?? [], DataSha384 = dataSha384 };
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

    /// <summary>The set with this name (case-insensitive), or null.</summary>
    public ExpectedMeasurementSet? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return _sets.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Removes the set with this name (case-insensitive) and returns it; null when there is none.</summary>
    public ExpectedMeasurementSet? Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ExpectedMeasurementSet? removed;
        lock (_lock)
        {
            removed = _sets.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (removed is not null)
            {
                _sets.Remove(removed);
            }
        }

        if (removed is not null)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Marks one PCR value of the live NSM (an enclave's) against every Nitro Enclave set.</summary>
    public MeasurementMark Mark(int index, ReadOnlySpan<byte> value, bool debugMode) =>
        Mark(AttestationDocumentKind.NitroEnclave, index, value, debugMode);

    /// <summary>Marks one PCR value of a document of <paramref name="kind"/> against every set of that kind.</summary>
    public MeasurementMark Mark(AttestationDocumentKind kind, int index, ReadOnlySpan<byte> value, bool debugMode) =>
        MeasurementMark.For(index, value, debugMode && kind == AttestationDocumentKind.NitroEnclave, PcrSetsOf(kind));
}
