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

    /// <summary>How many entries the log keeps; the oldest are dropped beyond it (and their PCRs then replay as incomplete).</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>
    /// How many bytes of extend data the log keeps (an extend carries up to about 4 KB). Beyond it the data of the
    /// oldest entries is let go, keeping their SHA-384, length, before and after: replay still works, as for a
    /// private extend.
    /// </summary>
    public long MaxDataBytes { get; set; } = DefaultMaxDataBytes;
}
