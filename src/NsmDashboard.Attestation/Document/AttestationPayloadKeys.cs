namespace NsmDashboard.Attestation;

/// <summary>
/// The text keys of the attestation payload map, in the order real NSMs write them. A Nitro Enclave document
/// carries <see cref="Pcrs"/>; a NitroTPM document carries <see cref="NitroTpmPcrs"/> in its place.
/// </summary>
public static class AttestationPayloadKeys
{
    /// <summary><c>module_id</c>: text, the enclave's module id.</summary>
    public const string ModuleId = "module_id";

    /// <summary><c>digest</c>: text, the PCR digest name (<c>SHA384</c>).</summary>
    public const string Digest = "digest";

    /// <summary><c>timestamp</c>: unsigned integer, milliseconds since the Unix epoch (UTC).</summary>
    public const string Timestamp = "timestamp";

    /// <summary><c>pcrs</c>: map from PCR index to PCR value (Nitro Enclave documents).</summary>
    public const string Pcrs = "pcrs";

    /// <summary>
    /// <c>nitrotpm_pcrs</c>: map from PCR index to the value of the NitroTPM's SHA-384 bank (NitroTPM documents,
    /// in place of <c>pcrs</c>).
    /// </summary>
    public const string NitroTpmPcrs = "nitrotpm_pcrs";

    /// <summary><c>certificate</c>: DER X.509 certificate of the enclave (the signing leaf).</summary>
    public const string Certificate = "certificate";

    /// <summary><c>cabundle</c>: array of DER certificates, root first.</summary>
    public const string CaBundle = "cabundle";

    /// <summary><c>public_key</c>: optional byte string.</summary>
    public const string PublicKey = "public_key";

    /// <summary><c>user_data</c>: optional byte string.</summary>
    public const string UserData = "user_data";

    /// <summary><c>nonce</c>: optional byte string.</summary>
    public const string Nonce = "nonce";

    /// <summary>
    /// The six keys AWS requires of a Nitro Enclave document, present and not <c>null</c> (attestation_process.md
    /// §3.2.2). For either kind use <see cref="MandatoryFor"/>.
    /// </summary>
    public static IReadOnlyList<string> Mandatory { get; } = [ModuleId, Digest, Timestamp, Pcrs, Certificate, CaBundle];

    /// <summary>The six mandatory keys of a NitroTPM document: <c>nitrotpm_pcrs</c> in place of <c>pcrs</c>.</summary>
    public static IReadOnlyList<string> MandatoryNitroTpm { get; } = [ModuleId, Digest, Timestamp, NitroTpmPcrs, Certificate, CaBundle];

    /// <summary>The PCR map keys, one per <see cref="AttestationDocumentKind"/>; a document carries exactly one.</summary>
    public static IReadOnlyList<string> PcrMaps { get; } = [Pcrs, NitroTpmPcrs];

    /// <summary>The three optional keys.</summary>
    public static IReadOnlyList<string> Optional { get; } = [PublicKey, UserData, Nonce];

    /// <summary>The mandatory keys of a document of this kind.</summary>
    public static IReadOnlyList<string> MandatoryFor(AttestationDocumentKind kind) =>
        kind == AttestationDocumentKind.NitroTpm ? MandatoryNitroTpm : Mandatory;

    /// <summary>Whether the decoder knows this key (the mandatory keys of either kind and the optional ones).</summary>
    public static bool IsKnown(string key) =>
        Mandatory.Contains(key) || key == NitroTpmPcrs || Optional.Contains(key);
}
