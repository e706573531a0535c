using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// Everything about one attestation document (docs/attestation-document.md): the verdict, every payload field (module id,
/// digest, timestamp with its age, the envelope's framing, the requester's fields telling null, absent and empty
/// apart), the ordered checks, the PCRs beside live and expected values, and the certificate chain. Used by the
/// Attestation and Inspect pages alike.
/// </summary>
public partial class AttestationDocumentView
{
    private string _documentSha256 = string.Empty;

    /// <summary>The document as decoded and verified.</summary>
    [Parameter, EditorRequired]
    public AttestationOutcome Outcome { get; set; } = default!;

    /// <summary>Live PCR values to compare with the document's; <see langword="null"/> hides that column.</summary>
    [Parameter]
    public IReadOnlyList<PcrState>? LivePcrs { get; set; }

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private string DocumentSha256 => _documentSha256;

    /// <inheritdoc/>
    protected override void OnParametersSet() =>
        _documentSha256 = Convert.ToHexStringLower(SHA256.HashData(Outcome.Document.Span));

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

    private static int PcrCount(AttestationDocument document) => document.Pcrs?.Count ?? 0;

    private static int CaCount(AttestationDocument document) => document.CaBundle?.Count ?? 0;
}
