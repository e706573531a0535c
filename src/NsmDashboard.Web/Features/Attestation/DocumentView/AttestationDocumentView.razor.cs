using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// Everything about one attestation document (docs/attestation-document.md): the verdict, its kind (Nitro Enclave or
/// NitroTPM instance, docs/nitrotpm.md), every payload field (module id, digest, timestamp with its age, the envelope's
/// framing, the requester's fields telling null, absent and empty apart), the ordered checks, the PCRs of its kind with
/// their meanings beside live and expected values, the certificate chain and, on request, the raw structure. Used by
/// the Attestation and Inspect pages alike.
/// </summary>
public partial class AttestationDocumentView
{
    private string _documentSha256 = string.Empty;
    private AttestationStructure? _structure;

    /// <summary>The document as decoded and verified.</summary>
    [Parameter, EditorRequired]
    public AttestationOutcome Outcome { get; set; } = default!;

    /// <summary>
    /// Live PCR values to compare with the document's; <see langword="null"/> hides that column. They are the live
    /// NSM's, an enclave's, so they are never put beside a NitroTPM document's PCRs.
    /// </summary>
    [Parameter]
    public IReadOnlyList<PcrState>? LivePcrs { get; set; }

    /// <summary>Whether to show the raw structure (tag, framing, key order, types, offsets, r‖s, cabundle order).</summary>
    [Parameter]
    public bool ShowStructure { get; set; }

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private string DocumentSha256 => _documentSha256;

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        _documentSha256 = Convert.ToHexStringLower(SHA256.HashData(Outcome.Document.Span));

        // The roots recognised in the cabundle: AWS's, and the one this verification pinned.
        _structure = ShowStructure && Outcome.Decoded is { } decoded
            ? AttestationStructure.Read(decoded, [AttestationTrustRoot.Aws, .. Outcome.TrustRoot.Kind == AttestationTrustRootKind.Aws ? [] : new[] { Outcome.TrustRoot }])
            : null;
    }

    /// <summary>The kind the PCR card shows: the document's, or — when undecided — the kind of the map it has.</summary>
    private static AttestationDocumentKind ShownKind(AttestationDocument document) =>
        document.Kind ?? (document.Pcrs is null && document.NitroTpmPcrs is not null ? AttestationDocumentKind.NitroTpm : AttestationDocumentKind.NitroEnclave);

    private static IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? ShownPcrs(AttestationDocument document) =>
        ShownKind(document) == AttestationDocumentKind.NitroTpm ? document.NitroTpmPcrs : document.Pcrs;

    private IReadOnlyList<PcrState>? LiveFor(AttestationDocument document) =>
        ShownKind(document) == AttestationDocumentKind.NitroEnclave ? LivePcrs : null;

    private static string KindText(AttestationDocument document) => document.Kind is { } kind
        ? kind == AttestationDocumentKind.NitroTpm
            ? "NitroTPM instance (EC2 instance attestation): nitrotpm_pcrs"
            : "Nitro Enclave: pcrs"
        : document.PayloadKeys.Contains(AttestationPayloadKeys.Pcrs)
            ? "undecided: both pcrs and nitrotpm_pcrs"
            : "undecided: neither pcrs nor nitrotpm_pcrs";

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string AlgorithmText(int? algorithm) => algorithm switch
    {
        -35 => "ES384 (-35)",
        null => "missing",
        { } other => string.Create(CultureInfo.InvariantCulture, $"{other} (not ES384)"),
    };

    private static string Presence(AttestationDocument document, string key) => document.GetPresence(key) switch
    {
        AttestationFieldPresence.Absent => "absent",
        AttestationFieldPresence.Null => "null",
        _ => "present",
    };

    private static int PcrCount(AttestationDocument document) => ShownPcrs(document)?.Count ?? 0;

    private static int CaCount(AttestationDocument document) => document.CaBundle?.Count ?? 0;
}
