namespace NsmDashboard.Evidence.Replay;

/// <summary>What an exported event log says of one PCR (the dashboard's own replay verdicts, re-checked outside the enclave).</summary>
public enum ReplayVerdict
{
    /// <summary>Folding the logged extends gives exactly the value attested with the checkpoint.</summary>
    Explained,

    /// <summary>The PCR was extended outside the dashboard: the log does not lead to its value.</summary>
    ChangedOutside,

    /// <summary>Records the log lost (a gap, an unreadable value) may hold extends of it: the log cannot explain it.</summary>
    Incomplete,

    /// <summary>A boot-measured PCR (0–15) the log never touched: compare it with expected measurements instead.</summary>
    BootMeasured,

    /// <summary>The log folds to a value, but no checkpoint with a PCR table attests one to compare with.</summary>
    NotCompared,
}
