using System.Collections.ObjectModel;
using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;

namespace NsmDashboard.Kms;

/// <summary>
/// The measurements KMS would see: the platform and its PCR values, taken from an attestation document, from
/// nitro-cli's measurements, or given explicitly. KMS reads the request context from the document's PCRs; a PCR the
/// source does not carry is not in the context.
/// </summary>
public sealed class AttestationEvidence
{
    private AttestationEvidence(
        AttestedPlatform platform,
        SortedDictionary<int, ReadOnlyMemory<byte>> pcrs,
        string source,
        AttestationDocument? document)
    {
        Platform = platform;
        Pcrs = new ReadOnlyDictionary<int, ReadOnlyMemory<byte>>(pcrs);
        Source = source;
        Document = document;
    }

    /// <summary>The platform whose condition keys apply.</summary>
    public AttestedPlatform Platform { get; }

    /// <summary>PCR values by index, ascending.</summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>> Pcrs { get; }

    /// <summary>Where the values come from, for people: "attestation document (module i-…)", "nitro-cli measurements", …</summary>
    public string Source { get; }

    /// <summary>The document, when the evidence is one (its <c>public_key</c> matters for a Recipient).</summary>
    public AttestationDocument? Document { get; }

    /// <summary>
    /// <see langword="true"/> when this is an enclave in debug mode: PCR0 is present and all zero. Such an enclave's
    /// PCR0, PCR1 and PCR2 read as zeros whatever image it runs
    /// (https://docs.aws.amazon.com/enclaves/latest/user/set-up-attestation.html).
    /// </summary>
    public bool IsDebugMode =>
        Platform == AttestedPlatform.NitroEnclave && Pcrs.TryGetValue(0, out var pcr0) && !pcr0.IsEmpty && !pcr0.Span.ContainsAnyExcept((byte)0);

    /// <summary>The value KMS would put in the request context for <paramref name="key"/>, as lower-case hex.</summary>
    /// <returns><see langword="null"/> when the key is not in the context (another platform, or a PCR the source lacks).</returns>
    public string? ContextValue(AttestationConditionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Platform == Platform && Pcrs.TryGetValue(key.PcrIndex, out var value) ? Convert.ToHexStringLower(value.Span) : null;
    }

    /// <summary>Why <paramref name="key"/> has no value in this evidence's context, in plain words.</summary>
    public string AbsenceReason(AttestationConditionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Platform != Platform)
        {
            return key.Platform == AttestedPlatform.NitroTpm
                ? "NitroTPM keys are in the request context only for NitroTPM documents; this is a Nitro Enclave's"
                : "enclave keys (ImageSha384, PCR<n>) are in the request context only for Nitro Enclave documents; this is a NitroTPM document";
        }

        return string.Create(CultureInfo.InvariantCulture, $"the {Describe(Platform)} carries no {key.PcrLabel}");
    }

    /// <summary>The measurements of an attestation document (decoded only: KMS verifies the signature itself).</summary>
    /// <exception cref="KmsEvidenceException">The document carries no PCRs KMS could read.</exception>
    public static AttestationEvidence FromDocument(AttestationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (platform, pcrs) = DocumentPcrs.Read(document);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        foreach (var (index, value) in pcrs)
        {
            sorted[index] = value;
        }

        var module = document.ModuleId is { } id ? $" (module {id})" : string.Empty;
        return new(platform, sorted, $"{Describe(platform)} attestation document{module}", document);
    }

    /// <summary>The measurements <c>nitro-cli build-enclave</c> or <c>describe-eif</c> printed (PCR0, 1, 2 and 8 when signed).</summary>
    public static AttestationEvidence FromMeasurements(NitroCliMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        foreach (var (index, value) in measurements.Pcrs)
        {
            sorted[index] = value;
        }

        return new(AttestedPlatform.NitroEnclave, sorted, "nitro-cli measurements", null);
    }

    /// <summary>Explicit values (e.g. <c>--pcr 0=…</c>).</summary>
    /// <exception cref="KmsEvidenceException">An index is outside the platform's range or repeated, or a value is empty.</exception>
    public static AttestationEvidence FromValues(AttestedPlatform platform, IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        var count = AttestationConditionKey.PcrCount(platform);
        foreach (var (index, value) in pcrs)
        {
            if (index < 0 || index >= count)
            {
                throw new KmsEvidenceException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"PCR{index} has no KMS condition key: {Describe(platform)} keys cover PCR0–PCR{count - 1}."));
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

        return new(platform, sorted, "explicit PCR values", null);
    }

    /// <summary>"Nitro Enclave" or "NitroTPM".</summary>
    public static string Describe(AttestedPlatform platform) => platform == AttestedPlatform.NitroTpm ? "NitroTPM" : "Nitro Enclave";
}
