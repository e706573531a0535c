using System.Collections.ObjectModel;
using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;

namespace NsmDashboard.Kms;

/// <summary>
/// The measurements KMS would see: the kind of document and its PCR values, taken from an attestation document, from
/// a measurement tool's output, or given explicitly. KMS reads the request context from the document's PCRs; a PCR the
/// source does not carry is not in the context.
/// </summary>
public sealed class AttestationEvidence
{
    private AttestationEvidence(
        AttestationDocumentKind kind,
        SortedDictionary<int, ReadOnlyMemory<byte>> pcrs,
        string source,
        AttestationDocument? document)
    {
        Kind = kind;
        Pcrs = new ReadOnlyDictionary<int, ReadOnlyMemory<byte>>(pcrs);
        Source = source;
        Document = document;
    }

    /// <summary>The kind of document, which decides the condition keys: enclave keys or NitroTPM keys.</summary>
    public AttestationDocumentKind Kind { get; }

    /// <summary>PCR values by index, ascending.</summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>> Pcrs { get; }

    /// <summary>Where the values come from, for people: "Nitro Enclave attestation document (module i-…)", …</summary>
    public string Source { get; }

    /// <summary>The document, when the evidence is one (its <c>public_key</c> matters for a Recipient).</summary>
    public AttestationDocument? Document { get; }

    /// <summary>
    /// <see langword="true"/> when this is an enclave in debug mode (<see cref="EnclaveDebugMode"/>): its PCR0, PCR1 and
    /// PCR2 read as zeros whatever image it runs.
    /// </summary>
    public bool IsDebugMode => Kind == AttestationDocumentKind.NitroEnclave && EnclaveDebugMode.IsIndicatedBy(Pcrs);

    /// <summary>The value KMS would put in the request context for <paramref name="key"/>, as lower-case hex.</summary>
    /// <returns><see langword="null"/> when the key is not in the context (the other kind's key, or a PCR the source lacks).</returns>
    public string? ContextValue(AttestationConditionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.DocumentKind == Kind && Pcrs.TryGetValue(key.PcrIndex, out var value) ? Convert.ToHexStringLower(value.Span) : null;
    }

    /// <summary>Why <paramref name="key"/> has no value in this evidence's context, in plain words.</summary>
    public string AbsenceReason(AttestationConditionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.DocumentKind != Kind)
        {
            return key.DocumentKind == AttestationDocumentKind.NitroTpm
                ? "NitroTPM keys are in the request context only for NitroTPM documents; this is a Nitro Enclave's"
                : "enclave keys (ImageSha384, PCR<n>) are in the request context only for Nitro Enclave documents; this is a NitroTPM document";
        }

        return string.Create(CultureInfo.InvariantCulture, $"the {Source} carries no {key.PcrLabel}");
    }

    /// <summary>
    /// The measurements of an attestation document, by its kind: <c>pcrs</c> for an enclave, <c>nitrotpm_pcrs</c> for
    /// a NitroTPM instance. The document is decoded only: KMS verifies its signature itself.
    /// </summary>
    /// <exception cref="KmsEvidenceException">The kind cannot be decided, or the document carries no PCRs.</exception>
    public static AttestationEvidence FromDocument(AttestationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Kind is not { } kind)
        {
            throw new KmsEvidenceException(
                "The document's kind cannot be decided: it carries both 'pcrs' and 'nitrotpm_pcrs', or neither, so KMS would find no measurement it can trust.");
        }

        if (document.KindPcrs is not { Count: > 0 } pcrs)
        {
            throw new KmsEvidenceException(
                $"The document carries no PCRs (its '{AttestationDocumentKinds.PcrsKeyOf(kind)}' field is null or empty), so KMS has no measurement to compare.");
        }

        var module = document.ModuleId is { } id ? $" (module {id})" : string.Empty;
        return new(kind, new SortedDictionary<int, ReadOnlyMemory<byte>>(pcrs.ToDictionary()), $"{AttestationDocumentKinds.NameOf(kind)} attestation document{module}", document);
    }

    /// <summary>
    /// Expected measurements from <c>nitro-cli build-enclave</c>/<c>describe-eif</c> (enclave PCR0/1/2/8) or from
    /// <c>nitro-tpm-pcr-compute</c> (NitroTPM PCR4/7/12); the tool decides the kind.
    /// </summary>
    public static AttestationEvidence FromMeasurements(ExpectedMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var kind = AttestationDocumentKinds.Of(measurements.Format);
        var source = measurements.Format == MeasurementsFormat.NitroCli ? "nitro-cli measurements" : "nitro-tpm-pcr-compute measurements";
        return new(kind, new SortedDictionary<int, ReadOnlyMemory<byte>>(measurements.Pcrs.ToDictionary()), source, null);
    }

    /// <summary>Explicit values (e.g. <c>--pcr 0=…</c>) for a document of <paramref name="kind"/>.</summary>
    /// <exception cref="KmsEvidenceException">An index is outside the kind's range or repeated, or a value is empty.</exception>
    public static AttestationEvidence FromValues(AttestationDocumentKind kind, IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        var count = AttestationConditionKey.PcrCount(kind);
        foreach (var (index, value) in pcrs)
        {
            if (index < 0 || index >= count)
            {
                throw new KmsEvidenceException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"PCR{index} has no KMS condition key: {AttestationDocumentKinds.NameOf(kind)} keys cover PCR0–PCR{count - 1}."));
            }

            if (value.IsEmpty)
            {
                throw new KmsEvidenceException(string.Create(CultureInfo.InvariantCulture, $"PCR{index} is empty."));
            }

            if (!sorted.TryAdd(index, value.ToArray()))
            {
                throw new KmsEvidenceException(string.Create(CultureInfo.InvariantCulture, $"PCR{index} is given twice."));
            }
        }

        if (sorted.Count == 0)
        {
            throw new KmsEvidenceException("No PCR values were given.");
        }

        return new(kind, sorted, "explicit PCR values", null);
    }
}
