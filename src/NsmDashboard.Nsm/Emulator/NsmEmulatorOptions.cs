using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// How the emulated enclave booted: its module id, boot measurements (PCR0/1/2/8), parent role and
/// instance (PCR3/PCR4), debug mode, where its CA root lives and which clock it reads.
/// </summary>
/// <remarks>
/// The emulator copies these values when it is created and validates them with <see cref="Validate"/>;
/// changing the object afterwards does not affect a running emulator.
/// </remarks>
public sealed class NsmEmulatorOptions
{
    /// <summary>
    /// The module id of this process when none is configured: random, shaped like a real one
    /// (<c>i-&lt;17 hex&gt;-enc&lt;16 hex&gt;</c>), the same for every emulator in the process.
    /// </summary>
    public static string DefaultModuleId { get; } = EmulatorIdentifiers.NewModuleId(DateTimeOffset.UtcNow);

    /// <summary>
    /// The image measurements used when <see cref="Measurements"/> is not set: fixed, non-zero values
    /// (SHA384(0^48 ‖ label) for labels naming the emulator), so a non-debug emulated enclave looks like a
    /// production one — PCR0/1/2 non-zero, PCR8 zero (an unsigned image) — and is easy to recognise.
    /// </summary>
    public static NitroCliMeasurements DefaultMeasurements { get; } = new(
        PcrExtension.FromZero("NsmDashboard emulator: enclave image (PCR0)"),
        PcrExtension.FromZero("NsmDashboard emulator: kernel and bootstrap (PCR1)"),
        PcrExtension.FromZero("NsmDashboard emulator: application (PCR2)"));

    /// <summary>The module id DescribeNSM and attestation documents report. Default: <see cref="DefaultModuleId"/>.</summary>
    public string ModuleId { get; set; } = DefaultModuleId;

    /// <summary>
    /// PCR0/1/2/8 as <c>nitro-cli build-enclave</c> or <c>describe-eif</c> printed them
    /// (<see cref="NitroCliMeasurements.Load"/>). Default: <see cref="DefaultMeasurements"/>.
    /// </summary>
    public NitroCliMeasurements? Measurements { get; set; }

    /// <summary>
    /// The IAM role ARN of the parent instance; PCR3 = SHA384(0^48 ‖ UTF-8(arn)). <see langword="null"/>
    /// leaves PCR3 zero, as on an instance without a role.
    /// </summary>
    public string? IamRoleArn { get; set; }

    /// <summary>
    /// The parent instance id; PCR4 = SHA384(0^48 ‖ UTF-8(id)). <see langword="null"/> takes the <c>i-…</c>
    /// part of <see cref="ModuleId"/>, because real hardware always sets PCR4 (docs/pcrs.md#meanings).
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// Emulate <c>nitro-cli run-enclave --debug-mode</c>: PCR0, 1, 2 and 8 read as zeros whatever the
    /// measurements; PCR3 and PCR4 are still set.
    /// </summary>
    public bool DebugMode { get; set; }

    /// <summary>
    /// A directory holding the emulator's CA root (<c>emulator-root.crt.pem</c> + <c>emulator-root.key.pem</c>),
    /// created there on first use, so a verifier can pin the same root across restarts.
    /// <see langword="null"/> makes a new root per emulator.
    /// </summary>
    public string? CertificateAuthorityDirectory { get; set; }

    /// <summary>
    /// Write the attestation payload map with indefinite length (<c>bf … ff</c>), as AWS has done since
    /// early 2026 (docs/attestation-document.md#map-framing), instead of the definite <c>a9</c> of older documents. Default: false.
    /// </summary>
    public bool IndefiniteLengthPayload { get; set; }

    /// <summary>The clock for document timestamps and certificate lifetimes. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Checks every value and throws on the first bad one. The emulator calls this; callers binding
    /// options from configuration can call it early to fail at start-up.
    /// </summary>
    /// <exception cref="ArgumentException">A value is malformed; the message and <see cref="ArgumentException.ParamName"/> name the option.</exception>
    /// <exception cref="ArgumentNullException"><see cref="ModuleId"/> or <see cref="TimeProvider"/> is null.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ModuleId, nameof(ModuleId));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (!EmulatorIdentifiers.TryParseModuleId(ModuleId, out _))
        {
            throw new ArgumentException(
                $"ModuleId '{ModuleId}' is not a Nitro module id: expected i-<17 hex>-enc<16 hex> in lower case, "
                + "e.g. i-0f73a4b4cb74cc9f2-enc0192e4188fef781d.",
                nameof(ModuleId));
        }

        if (InstanceId is not null && !EmulatorIdentifiers.IsInstanceId(InstanceId))
        {
            throw new ArgumentException(
                $"InstanceId '{InstanceId}' is not an EC2 instance id: expected i-<17 hex> (or i-<8 hex>) in lower case, e.g. i-0f73a4b4cb74cc9f2.",
                nameof(InstanceId));
        }

        if (IamRoleArn is not null && !EmulatorIdentifiers.IsRoleArn(IamRoleArn))
        {
            throw new ArgumentException(
                $"IamRoleArn '{IamRoleArn}' is not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>.",
                nameof(IamRoleArn));
        }

        if (CertificateAuthorityDirectory is not null && string.IsNullOrWhiteSpace(CertificateAuthorityDirectory))
        {
            throw new ArgumentException("CertificateAuthorityDirectory must be null or a directory path, not blank.", nameof(CertificateAuthorityDirectory));
        }
    }
}
