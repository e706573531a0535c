namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The one event log imported from JSON (an export of this or another dashboard), kept in memory to check
/// attestation documents against: its replayed values per PCR beside the document's. Importing replaces it.
/// </summary>
public sealed class ImportedPcrEventLog(TimeProvider timeProvider)
{
    private volatile Imported? _current;

    /// <summary>Raised after an import or a clear.</summary>
    public event Action? Changed;

    /// <summary>The imported log with where it came from and when, or <see langword="null"/>.</summary>
    public Imported? Current => _current;

    /// <summary>Keeps <paramref name="log"/> as the imported log.</summary>
    public Imported Import(PcrEventLogSnapshot log, string source)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(source);
        var imported = new Imported(log, source, timeProvider.GetUtcNow());
        _current = imported;
        Changed?.Invoke();
        return imported;
    }

    /// <summary>Forgets the imported log.</summary>
    public void Clear()
    {
        _current = null;
        Changed?.Invoke();
    }

    /// <summary>An imported log.</summary>
    /// <param name="Log">The entries and gaps.</param>
    /// <param name="Source">Where it came from (a file name, or "API").</param>
    /// <param name="Time">When it was imported.</param>
    public sealed record Imported(PcrEventLogSnapshot Log, string Source, DateTimeOffset Time);
}
