namespace NsmDashboard.Web.Services;

/// <summary>
/// Settings of the PCR event log, bound from <c>Nsm:EventLog</c> (e.g. <c>Nsm__EventLog__Capacity</c>).
/// The log lives in memory (an enclave has no disk), so it is bounded.
/// </summary>
public sealed class PcrEventLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Nsm:EventLog";

    /// <summary>The default capacity: about 30 MB at the largest extends, a few MB for typical ones.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>How many entries the log keeps; the oldest are dropped beyond it (and their PCRs then replay as incomplete).</summary>
    public int Capacity { get; set; } = DefaultCapacity;
}
