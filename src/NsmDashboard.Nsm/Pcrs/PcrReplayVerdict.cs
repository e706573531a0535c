namespace NsmDashboard.Nsm.Pcrs;

/// <summary>What a replay of the event log says about one PCR.</summary>
public enum PcrReplayVerdict
{
    /// <summary>Folding the log from the start value gives exactly the PCR's value: every change is in the log.</summary>
    Explained,

    /// <summary>The PCR was changed outside this dashboard (another process extended it through /dev/nsm).</summary>
    ChangedOutside,

    /// <summary>
    /// A boot-measured PCR (0–15) the log never touched and that is locked: its value was set before the
    /// enclave started and nothing can have changed it since; compare it with expected measurements instead.
    /// </summary>
    BootMeasured,

    /// <summary>Part of this PCR's history is missing from the log (dropped at capacity), so the log cannot explain it.</summary>
    Incomplete,

    /// <summary>There is no value to compare with (a document that does not carry this PCR).</summary>
    NotCompared,
}
