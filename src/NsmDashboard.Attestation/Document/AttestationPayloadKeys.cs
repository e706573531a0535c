namespace NsmDashboard.Attestation;

/// <summary>The text keys of the attestation payload map, in the order real NSMs write them (nsm-protocol.md §4.2).</summary>
public static class AttestationPayloadKeys
{
    /// <summary><c>module_id</c>: text, the enclave's module id.</summary>
    public const string ModuleId = "module_id";

    /// <summary><c>digest</c>: text, the PCR digest name (<c>SHA384</c>).</summary>
    public const string Digest = "digest";

    /// <summary><c>timestamp</c>: unsigned integer, milliseconds since the Unix epoch (UTC).</summary>
    public const string Timestamp = "timestamp";

    /// <summary><c>pcrs</c>: map from PCR index to PCR value.</summary>
    public const string Pcrs = "pcrs";

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

    /// <summary>The six keys AWS requires to be present and not <c>null</c> (attestation_process.md §3.2.2).</summary>
    public static IReadOnlyList<string> Mandatory { get; } = [ModuleId, Digest, Timestamp, Pcrs, Certificate, CaBundle];

    /// <summary>The three optional keys.</summary>
    public static IReadOnlyList<string> Optional { get; } = [PublicKey, UserData, Nonce];
}
