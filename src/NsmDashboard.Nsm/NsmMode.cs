namespace NsmDashboard.Nsm;

/// <summary>How to choose the module a client talks to (docs/nsm-ioctl.md#device-selection).</summary>
public enum NsmMode
{
    /// <summary>The device when its node exists on Linux, otherwise the emulator — and say which.</summary>
    Auto,

    /// <summary>The real device only; fail when it cannot be opened.</summary>
    Device,

    /// <summary>The in-process emulator only, even inside an enclave.</summary>
    Emulator,
}
