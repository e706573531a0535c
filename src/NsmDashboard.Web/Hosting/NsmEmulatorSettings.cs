namespace NsmDashboard.Web.Hosting;

/// <summary>
/// The emulator's settings, bound from <c>Nsm:Emulator</c>. Every one is optional; the emulator
/// picks realistic defaults for what is left out.
/// </summary>
public sealed class NsmEmulatorSettings
{
    /// <summary>The module id DescribeNSM and attestation documents report (e.g. <c>i-0123456789abcdef0-enc0123456789abcdef</c>).</summary>
    public string? ModuleId { get; set; }

    /// <summary>A file with <c>nitro-cli build-enclave</c> / <c>describe-eif</c> JSON whose PCR0/1/2/8 the emulator reports.</summary>
    public string? MeasurementsFile { get; set; }

    /// <summary>The IAM role ARN of the "parent instance"; PCR3 becomes SHA-384(0⁴⁸ ‖ ARN).</summary>
    public string? IamRoleArn { get; set; }

    /// <summary>The "parent instance" id; PCR4 becomes SHA-384(0⁴⁸ ‖ id).</summary>
    public string? InstanceId { get; set; }

    /// <summary>Emulate a debug-mode enclave: PCR0, 1, 2 (and 8) read as zeros, as with <c>nitro-cli run-enclave --debug-mode</c>.</summary>
    public bool DebugMode { get; set; }

    /// <summary>
    /// A directory in which the emulator keeps its certificate authority, so that its root survives restarts
    /// and can be pinned by verifiers. Without it a fresh CA is made in memory at every start.
    /// </summary>
    public string? CertificateAuthorityDirectory { get; set; }

    /// <summary>
    /// Fault injection (<c>Nsm:Emulator:Faults</c>): make the emulated device fail on a schedule — errno EIO, ETIMEDOUT or
    /// EINVAL, truncated or garbage answers, slow answers — to see the dashboard ride through it. Off by default;
    /// refused when the NSM is the device.
    /// </summary>
    public NsmFaultSettings Faults { get; set; } = new();
}
