namespace NsmDashboard.Web.Operations;

/// <summary>What a mutation did.</summary>
public enum PcrChangeKind
{
    /// <summary>One PCR was extended.</summary>
    Extended,

    /// <summary>One PCR was locked.</summary>
    Locked,

    /// <summary>PCRs <c>[0, range)</c> were locked.</summary>
    RangeLocked,

    /// <summary>
    /// An extend or lock whose answer was lost may have changed these PCRs: they are the values read back afterwards.
    /// With no PCRs, not even that read worked: every view should read the PCRs again (and keep trying until the NSM answers).
    /// </summary>
    Uncertain,
}

/// <summary>
/// A change to the PCRs, published by <see cref="NsmOperations"/> after the NSM accepted it (or after an operation whose
/// answer was lost, <see cref="PcrChangeKind.Uncertain"/>). It carries the PCRs' new state, read from the NSM, so
/// subscribers can show it without asking the device again.
/// </summary>
/// <param name="Kind">What was done.</param>
/// <param name="Pcrs">The affected PCRs as they are now.</param>
/// <param name="Caller">Who did it.</param>
/// <param name="At">When the NSM answered.</param>
public sealed record PcrChange(PcrChangeKind Kind, IReadOnlyList<PcrState> Pcrs, NsmCaller Caller, DateTimeOffset At);
