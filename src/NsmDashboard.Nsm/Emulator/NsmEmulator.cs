using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// An in-process Nitro Secure Module: CBOR request bytes in, CBOR response bytes out, answering byte for
/// byte as the device behind the Linux driver would (docs/emulator.md). 32 SHA-384 PCRs
/// with 0–15 locked at boot, every error case of docs/pcrs.md#errors, 256-byte GetRandom from the system CSPRNG, and
/// attestation documents really signed (ES384) by the emulator's own CA chain.
/// </summary>
/// <remarks>
/// Thread-safe: PCR state sits behind one lock, so concurrent requests are serialised as the driver's
/// device mutex serialises them; documents are signed outside that lock from a snapshot of the PCRs.
/// </remarks>
public sealed partial class NsmEmulator : INsmTransport
{
    private const string EmulatedDevice = "emulated /dev/nsm";

    private readonly PcrBank _pcrs;
    private readonly AttestationDocumentSigner _signer;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    /// <summary>Boots an emulated enclave.</summary>
    /// <param name="options">Module id, measurements, role, instance, debug mode, CA directory, clock; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is malformed (the message names it).</exception>
    /// <exception cref="EmulatorCertificateAuthorityException">The CA directory's root cannot be loaded or written.</exception>
    public NsmEmulator(NsmEmulatorOptions? options = null)
    {
        options ??= new NsmEmulatorOptions();
        options.Validate();

        ModuleId = options.ModuleId;
        InstanceId = options.InstanceId ?? EmulatorIdentifiers.InstanceIdOf(ModuleId);
        IamRoleArn = options.IamRoleArn;
        DebugMode = options.DebugMode;
        Measurements = options.Measurements ?? NsmEmulatorOptions.DefaultMeasurements;
        _timeProvider = options.TimeProvider;

        _pcrs = new PcrBank(BootMeasurements.Compute(Measurements, IamRoleArn, InstanceId, DebugMode));
        CertificateAuthority = new EmulatorCertificateAuthority(ModuleId, options.CertificateAuthorityDirectory, _timeProvider);
        _signer = new AttestationDocumentSigner(CertificateAuthority, options.IndefiniteLengthPayload);
    }

    /// <inheritdoc/>
    public NsmTransportKind Kind => NsmTransportKind.Emulator;

    /// <inheritdoc/>
    public string Description => DebugMode
        ? $"NSM emulator (module {ModuleId}, debug mode)"
        : $"NSM emulator (module {ModuleId})";

    /// <summary>The module id DescribeNSM and documents report.</summary>
    public string ModuleId { get; }

    /// <summary>The parent instance id measured into PCR4.</summary>
    public string InstanceId { get; }

    /// <summary>The IAM role ARN measured into PCR3, or <see langword="null"/> (PCR3 zero).</summary>
    public string? IamRoleArn { get; }

    /// <summary>Whether the enclave runs in debug mode (PCR0/1/2/8 zero).</summary>
    public bool DebugMode { get; }

    /// <summary>The image measurements the enclave booted with (ignored for PCRs in debug mode, as on hardware).</summary>
    public NitroCliMeasurements Measurements { get; }

    /// <summary>The CA that signs this emulator's documents; pin its <see cref="EmulatorCertificateAuthority.RootCertificate"/> to verify them.</summary>
    public EmulatorCertificateAuthority CertificateAuthority { get; }

    /// <summary>
    /// Handles one request as the device transport and device together would (docs/emulator.md#request-limits): a
    /// request over 4096 bytes, or an empty one, is refused before the "device" sees it, as
    /// <see cref="Device.LinuxNsmTransport"/> refuses it; anything else gets a CBOR answer,
    /// <c>{"Error":"InvalidOperation"}</c> for unparsable or unknown requests. The answer is copied like the
    /// 6.8 driver copies it: <c>min(response.Length, answer length)</c> bytes, silently cut when the buffer
    /// is smaller than the answer (docs/nsm-ioctl.md#driver-steps step 6), which is why callers pass a 0x3000-byte buffer.
    /// </summary>
    /// <returns>The number of bytes written to <paramref name="response"/>.</returns>
    /// <exception cref="NsmDeviceException">The request is over 4096 bytes (<see cref="NsmErrorCode.InputTooLarge"/>) or empty (<see cref="NsmErrorCode.InvalidArgument"/>).</exception>
    /// <exception cref="ObjectDisposedException">The emulator has been disposed.</exception>
    public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Refused exactly as LinuxNsmTransport refuses them, so that callers see one behaviour at the seam.
        if (request.Length > NsmLimits.RequestMaxSize)
        {
            throw NsmDeviceErrors.RequestTooLarge(request.Length, EmulatedDevice);
        }

        if (request.IsEmpty)
        {
            throw NsmDeviceErrors.RequestEmpty(EmulatedDevice);
        }

        var answer = NsmCbor.EncodeResponse(Handle(request));

        // The driver clamps the device's answer to its 0x3000-byte buffer, then copies min(user capacity, length).
        var length = Math.Min(Math.Min(answer.Length, NsmLimits.ResponseMaxSize), response.Length);
        answer.AsSpan(0, length).CopyTo(response);
        return length;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CertificateAuthority.Dispose();
    }
}
