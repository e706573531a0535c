namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Settings of the PCR event log, bound from <c>Nsm:EventLog</c> (e.g. <c>Nsm__EventLog__Capacity</c>).
/// The log lives in memory (an enclave has no disk), so it is bounded.
/// </summary>
public sealed class PcrEventLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Nsm:EventLog";

    /// <summary>The default capacity: an entry without its data takes about 0.6 KB, so about 60 MB when full.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>The default budget for the extend data the log keeps: 16 MiB.</summary>
    public const long DefaultMaxDataBytes = 16L * 1024 * 1024;

    /// <summary>The default largest event log accepted for import: 16 MiB.</summary>
    public const long DefaultMaxImportBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The largest event log JSON accepted for import (API or page). A declared length above it is refused before a byte
    /// is read; a body without one is read up to it and refused there, never held beyond it. The default holds about
    /// 40 000 entries with data; an export of a full log (100 000 entries) without its data fits as well.
    /// </summary>
    public long MaxImportBytes { get; set; } = DefaultMaxImportBytes;

    /// <summary>How many entries the log keeps; the oldest are dropped beyond it (and their PCRs then replay as incomplete).</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>
    /// How many bytes of extend data the log keeps (an extend carries up to about 4 KB). Beyond it the data of the
    /// oldest entries is let go, keeping their SHA-384, length, before and after: replay still works, as for a
    /// private extend.
    /// </summary>
    public long MaxDataBytes { get; set; } = DefaultMaxDataBytes;
}
