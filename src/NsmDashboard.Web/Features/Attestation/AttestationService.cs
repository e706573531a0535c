using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// Attestation for the pages and the API: requests documents from the NSM (through <see cref="NsmOperations"/>,
/// the single gate) and decodes and verifies documents from anywhere, with the validation time and trust root
/// chosen and explained by the attestation library's rules (<see cref="AttestationValidationTime"/>,
/// <see cref="AttestationTrustRootChoice"/>; docs/attestation-verification.md). Nothing is stored.
/// </summary>
/// <remarks>
/// Thread-safe singleton. Verifiers are pinned to one root each, so there is one per known root (AWS, and the
/// emulator's when emulated); they and the verifiers made for pasted roots share one chain cache, which keys its
/// entries by the root too, so a chain validated under one root is never reused under another.
/// </remarks>
public sealed class AttestationService
{
    private readonly NsmOperations _operations;
    private readonly TimeProvider _time;
    private readonly AttestationChainCache _chainCache = new();
    private readonly AttestationVerifier _awsVerifier;
    private readonly AttestationVerifier? _emulatorVerifier;

    /// <summary>Creates the service for the app's NSM.</summary>
    /// <param name="operations">The gate every NSM request that yields a credential goes through.</param>
    /// <param name="transport">The NSM transport; when it is the emulator, its root becomes the default root.</param>
    /// <param name="timeProvider">The clock for "now".</param>
    public AttestationService(NsmOperations operations, INsmTransport transport, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _operations = operations;
        _time = timeProvider;
        _awsVerifier = CreateVerifier(AttestationTrustRoot.Aws);

        // Only the in-process emulator can tell us its root. Another wrapped or remote emulator falls back to AWS, under
        // which its documents fail with UntrustedRoot: wrong for convenience, but never a false "rooted in AWS".
        // The emulator behind fault injection is still this process's emulator.
        var emulator = transport switch
        {
            NsmEmulator plain => plain,
            FaultInjectingNsmTransport faulty => faulty.Emulator,
            _ => null,
        };
        if (emulator is not null)
        {
            _emulatorVerifier = CreateVerifier(AttestationTrustRoot.Emulator(emulator.CertificateAuthority.RootCertificate));
        }

        AvailableRoots = _emulatorVerifier is null
            ? [_awsVerifier.TrustRoot]
            : [_awsVerifier.TrustRoot, _emulatorVerifier.TrustRoot];
    }

    /// <summary>The root documents from this dashboard's NSM chain to: the emulator's root when emulated, else AWS.</summary>
    public AttestationTrustRoot DefaultTrustRoot => (_emulatorVerifier ?? _awsVerifier).TrustRoot;

    /// <summary>
    /// The roots this dashboard trusts, AWS first: AWS, and the emulator's root when the NSM is emulated. A document
    /// checked without a named root is checked against the one its cabundle[0] is. Pasted PEM roots come per inspection.
    /// </summary>
    public IReadOnlyList<AttestationTrustRoot> AvailableRoots { get; }

    /// <summary>The chain cache shared by every verification (for metrics).</summary>
    public AttestationChainCache ChainCache => _chainCache;

    /// <summary>
    /// Asks the NSM for a document over the request's optional fields, then decodes and verifies it against
    /// <see cref="DefaultTrustRoot"/> at the current time. When the request carries a nonce, the document must echo it
    /// (the "Expected nonce" check), which proves the document is this request's and not a replay.
    /// </summary>
    /// <param name="request">user_data, nonce and public_key (each at most 1024 bytes, <see cref="NsmLimits.AttestationFieldMaxSize"/>).</param>
    /// <param name="caller">Who asks; named in the audit line.</param>
    /// <param name="cancellationToken">Cancels waiting for the gate.</param>
    /// <exception cref="NsmException">The NSM refused (InputTooLarge, …) or the device failed.</exception>
    public async Task<AttestationOutcome> RequestAsync(AttestationRequest request, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var document = await _operations.GetAttestationDocumentAsync(request, caller, cancellationToken).ConfigureAwait(false);
        var policy = request.Nonce is { } nonce ? new AttestationPolicy { ExpectedNonce = nonce } : AttestationPolicy.None;
        return Verify(document, DefaultVerifier, AttestationValidationTime.Now(_time.GetUtcNow()), policy);
    }

    /// <summary>
    /// Decodes and verifies a document from anywhere. Never throws for bad documents: a decode failure is part of
    /// the outcome (<see cref="AttestationOutcome.DecodeError"/> names the byte offset and the field) and the checks
    /// say what failed.
    /// </summary>
    /// <param name="document">The COSE_Sign1 bytes (use <see cref="AttestationInput"/> for base64 or hex text).</param>
    /// <param name="options">Validation time, trust root and policy; see <see cref="InspectOptions"/> for the defaults.</param>
    public AttestationOutcome Inspect(ReadOnlyMemory<byte> document, InspectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var decoded = AttestationDocument.TryDecode(document.Span, out var parsed, out var error) ? parsed : null;
        var rootChoice = options.TrustRoot is null ? AttestationTrustRootChoice.For(decoded, AvailableRoots) : null;
        var verifier = VerifierFor(options.TrustRoot ?? rootChoice!.Root);
        var validation = options switch
        {
            { ValidationTime: { } time } => AttestationValidationTime.Specified(time),
            { AtDocumentTime: true } when AttestationValidationTime.TryAtDocumentTime(decoded, out var atDocument) => atDocument,
            { AtDocumentTime: true } => AttestationValidationTime.Now(_time.GetUtcNow()) with
            {
                Explanation = "Now: the document's own time was asked for, but it has no readable timestamp.",
            },
            _ => AttestationValidationTime.Now(_time.GetUtcNow()),
        };
        var policy = options.Policy ?? AttestationPolicy.None;
        return decoded is null
            ? new AttestationOutcome(document, null, error, verifier.Verify(document, validation.At, policy), validation, rootChoice)
            : new AttestationOutcome(document, decoded, null, verifier.Verify(decoded, validation.At, policy), validation, rootChoice);
    }

    private AttestationVerifier DefaultVerifier => _emulatorVerifier ?? _awsVerifier;

    private static AttestationOutcome Verify(
        ReadOnlyMemory<byte> document, AttestationVerifier verifier, AttestationValidationTime choice, AttestationPolicy policy) =>
        AttestationDocument.TryDecode(document.Span, out var decoded, out var error)
            ? new AttestationOutcome(document, decoded, null, verifier.Verify(decoded, choice.At, policy), choice)
            : new AttestationOutcome(document, null, error, verifier.Verify(document, choice.At, policy), choice);

    private AttestationVerifier VerifierFor(AttestationTrustRoot root)
    {
        // Known roots reuse their verifier; the comparison is by the pinned bytes' hash, not by reference.
        if (root.Sha256 == _awsVerifier.TrustRoot.Sha256)
        {
            return _awsVerifier;
        }

        if (_emulatorVerifier is { } emulator && root.Sha256 == emulator.TrustRoot.Sha256)
        {
            return emulator;
        }

        return CreateVerifier(root);
    }

    private AttestationVerifier CreateVerifier(AttestationTrustRoot root) =>
        new(new AttestationVerifierOptions { TrustRoot = root, TimeProvider = _time, ChainCache = _chainCache });
}
