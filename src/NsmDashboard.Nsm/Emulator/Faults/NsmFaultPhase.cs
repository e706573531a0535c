namespace NsmDashboard.Nsm.Emulator.Faults;

/// <summary>Whether an injected fault strikes before the emulated module sees the request or after it has acted on it.</summary>
public enum NsmFaultPhase
{
    /// <summary>The request never reaches the module: nothing changes (an EIO from a failed virtqueue kick).</summary>
    BeforeDevice,

    /// <summary>
    /// The module executes the request, then its answer is lost or spoiled (a timeout after the module acted, a
    /// corrupted response): an ExtendPCR or LockPCR has taken effect although the caller sees a failure.
    /// </summary>
    AfterDevice,
}
