using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Kms;

/// <summary>
/// One documented <c>kms:RecipientAttestation:*</c> condition key: <c>ImageSha384</c> (= enclave PCR0),
/// <c>PCR0</c>…<c>PCR31</c> (enclave), or <c>NitroTPMPCR0</c>…<c>NitroTPMPCR23</c> (NitroTPM).
/// </summary>
/// <remarks>
/// The ranges are those the Service Authorization Reference lists for Decrypt, DeriveSharedSecret,
/// GenerateDataKey, GenerateDataKeyPair and GenerateRandom
/// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html).
/// IAM context key names are not case-sensitive
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html), so
/// <c>kms:recipientattestation:imagesha384</c> is the same key; <see cref="Name"/> is the canonical spelling.
/// </remarks>
public sealed record AttestationConditionKey
{
    /// <summary>The prefix every attestation key shares.</summary>
    public const string Prefix = "kms:RecipientAttestation:";

    /// <summary>Enclave PCRs: 0–31.</summary>
    public const int EnclavePcrCount = 32;

    /// <summary>NitroTPM PCRs: 0–23 (a TPM 2.0 PCR bank).</summary>
    public const int NitroTpmPcrCount = 24;

    private AttestationConditionKey(AttestationConditionKeyKind kind, int pcrIndex, string name)
    {
        Kind = kind;
        PcrIndex = pcrIndex;
        Name = name;
    }

    /// <summary>Which family the key belongs to.</summary>
    public AttestationConditionKeyKind Kind { get; }

    /// <summary>The PCR the key reads (0 for <see cref="AttestationConditionKeyKind.ImageSha384"/>).</summary>
    public int PcrIndex { get; }

    /// <summary>The canonical spelling, e.g. <c>kms:RecipientAttestation:PCR1</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of document that puts this key in the request context.</summary>
    public AttestationDocumentKind DocumentKind => Kind == AttestationConditionKeyKind.NitroTpmPcr ? AttestationDocumentKind.NitroTpm : AttestationDocumentKind.NitroEnclave;

    /// <summary>How the PCR is named in the document, e.g. <c>PCR1</c> or <c>NitroTPM PCR4</c>.</summary>
    public string PcrLabel => DocumentKind == AttestationDocumentKind.NitroTpm
        ? string.Create(CultureInfo.InvariantCulture, $"NitroTPM PCR{PcrIndex}")
        : string.Create(CultureInfo.InvariantCulture, $"PCR{PcrIndex}");

    /// <summary><c>kms:RecipientAttestation:ImageSha384</c>: the enclave image digest, i.e. PCR0.</summary>
    public static AttestationConditionKey ImageSha384 { get; } = new(AttestationConditionKeyKind.ImageSha384, 0, Prefix + "ImageSha384");

    /// <summary><c>kms:RecipientAttestation:PCR<paramref name="index"/></c> for an enclave PCR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0–31.</exception>
    public static AttestationConditionKey EnclavePcr(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EnclavePcrCount);
        return new(AttestationConditionKeyKind.EnclavePcr, index, string.Create(CultureInfo.InvariantCulture, $"{Prefix}PCR{index}"));
    }

    /// <summary><c>kms:RecipientAttestation:NitroTPMPCR<paramref name="index"/></c> for a NitroTPM PCR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0–23.</exception>
    public static AttestationConditionKey NitroTpmPcr(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, NitroTpmPcrCount);
        return new(AttestationConditionKeyKind.NitroTpmPcr, index, string.Create(CultureInfo.InvariantCulture, $"{Prefix}NitroTPMPCR{index}"));
    }

    /// <summary>The key for PCR <paramref name="index"/> of a <paramref name="kind"/> document.</summary>
    public static AttestationConditionKey ForPcr(AttestationDocumentKind kind, int index) =>
        kind == AttestationDocumentKind.NitroTpm ? NitroTpmPcr(index) : EnclavePcr(index);

    /// <summary>The number of PCRs <paramref name="kind"/> has keys for (the kind's PCR count: 32 or 24).</summary>
    public static int PcrCount(AttestationDocumentKind kind) => kind == AttestationDocumentKind.NitroTpm ? NitroTpmPcrCount : EnclavePcrCount;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The families of attestation condition keys.</summary>
public enum AttestationConditionKeyKind
{
    /// <summary><c>kms:RecipientAttestation:ImageSha384</c> (enclave PCR0).</summary>
    ImageSha384,

    /// <summary><c>kms:RecipientAttestation:PCR&lt;n&gt;</c>, n in 0–31 (enclave).</summary>
    EnclavePcr,

    /// <summary><c>kms:RecipientAttestation:NitroTPMPCR&lt;n&gt;</c>, n in 0–23 (NitroTPM).</summary>
    NitroTpmPcr,
}
