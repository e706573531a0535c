namespace NsmDashboard.TestSupport;

/// <summary>
/// The real attestation documents from Nitro hardware, the AWS Nitro Enclaves root and nitro-cli's JSON, kept once in
/// tests/Shared/Vectors (its README says where each comes from) and copied into each test project's output under <c>TestData/</c>; and the
/// facts the tests check the documents against.
/// </summary>
internal static class AwsVectors
{
    /// <summary>hf/nitrite's debug-mode document: 16 PCRs (0–2 zero), public_key EMPTY, user_data 64 bytes, nonce 20 bytes.</summary>
    public const string NitriteFile = "nitrite-2021-10-28-debug.cbor";

    /// <summary>evervault's production document: public_key and user_data null, nonce 256 bytes.</summary>
    public const string EvervaultFile = "evervault-beta-2022-10-13-production.cbor";

    /// <summary>evervault's 2023 debug-mode document: public_key null, nonce 256 bytes.</summary>
    public const string Evervault2023File = "evervault-2023-09-07-debug.cbor";

    /// <summary>blocky/nitrite's document with public_key, user_data and nonce each at the 1024-byte maximum.</summary>
    public const string BlockyFile = "blocky-nitrite-2024-09-07-max-fields.cbor";

    /// <summary>MystenLabs/fastcrypto's document: an indefinite-length payload map, PCR16 extended, a high-S signature.</summary>
    public const string FastcryptoFile = "fastcrypto-2025-11-10-indefinite-pcr16.cbor";

    /// <summary>lockboot/vaportpm's NitroTPM document (i-0082f89b039c97a0f).</summary>
    public const string TpmFile = "nitrotpm-vaportpm-2026-02-02.cbor";

    /// <summary>lockboot/vaportpm's NitroTPM document with a high-S signature (i-030a1f233f8348690).</summary>
    public const string TpmHighSFile = "nitrotpm-vaportpm-2026-02-01-high-s.cbor";

    /// <summary>The AWS Nitro Enclaves root G1, PEM.</summary>
    public const string AwsRootPemFile = "aws-nitro-enclaves-root-G1.pem";

    /// <summary>The AWS Nitro Enclaves root G1, DER.</summary>
    public const string AwsRootDerFile = "aws-nitro-enclaves-root-G1.der";

    /// <summary>SHA-256 of the AWS root's DER, as AWS publishes it.</summary>
    public const string AwsRootSha256 = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";

    /// <summary>nitrite: the document's timestamp, 2021-10-28T17:02:02.077Z.</summary>
    public static readonly DateTimeOffset NitriteTime = DateTimeOffset.FromUnixTimeMilliseconds(1635440522077);

    /// <summary>nitrite: the leaf certificate is valid from 2021-10-28T14:44:13Z …</summary>
    public static readonly DateTimeOffset NitriteLeafNotBefore = new(2021, 10, 28, 14, 44, 13, TimeSpan.Zero);

    /// <summary>… to 2021-10-28T17:44:13Z.</summary>
    public static readonly DateTimeOffset NitriteLeafNotAfter = new(2021, 10, 28, 17, 44, 13, TimeSpan.Zero);

    /// <summary>evervault: the document's timestamp, 2022-10-13T08:58:02.136Z.</summary>
    public static readonly DateTimeOffset EvervaultTime = DateTimeOffset.FromUnixTimeMilliseconds(1665651482136);

    /// <summary>evervault: the leaf certificate is valid from 2022-10-13T08:57:59Z …</summary>
    public static readonly DateTimeOffset EvervaultLeafNotBefore = new(2022, 10, 13, 8, 57, 59, TimeSpan.Zero);

    /// <summary>… to 2022-10-13T11:58:02Z.</summary>
    public static readonly DateTimeOffset EvervaultLeafNotAfter = new(2022, 10, 13, 11, 58, 2, TimeSpan.Zero);

    /// <summary>NitroTPM, i-0082f89b039c97a0f: the document's timestamp, 2026-02-02T07:28:28.379Z.</summary>
    public static readonly DateTimeOffset TpmTime = DateTimeOffset.FromUnixTimeMilliseconds(1770017308379);

    /// <summary>A 48-byte PCR of zeros, as hex.</summary>
    public const string ZeroPcrHex = "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>NitroTPM, i-0082f89b039c97a0f: the timestamp as the API and the CLI print it.</summary>
    public const string TpmTimeText = "2026-02-02T07:28:28.379Z";

    /// <summary>NitroTPM, i-0082f89b039c97a0f: PCR4 (boot loader).</summary>
    public const string TpmPcr4 = "1a1f166e1995c1e1bfdf1c1d13b1ebc9d5d4e44397501655c911a2062d92063483ca9e17f0264efe336d4b61c5b98d1e";

    /// <summary>NitroTPM, i-0082f89b039c97a0f: the leaf certificate is valid from 2026-02-02T07:28:25Z …</summary>
    public static readonly DateTimeOffset TpmLeafNotBefore = new(2026, 2, 2, 7, 28, 25, TimeSpan.Zero);

    /// <summary>… to 2026-02-02T10:28:28Z.</summary>
    public static readonly DateTimeOffset TpmLeafNotAfter = new(2026, 2, 2, 10, 28, 28, TimeSpan.Zero);

    /// <summary>NitroTPM, i-030a1f233f8348690 (high-S signature): the document's timestamp, 2026-02-01T05:19:43.375Z.</summary>
    public static readonly DateTimeOffset TpmHighSTime = DateTimeOffset.FromUnixTimeMilliseconds(1769923183375);

    public static byte[] Nitrite => Read(NitriteFile);

    public static byte[] Tpm => Read(TpmFile);

    public static byte[] TpmHighS => Read(TpmHighSFile);

    public static byte[] Evervault => Read(EvervaultFile);

    public static byte[] AwsRootDer => Read(AwsRootDerFile);

    public static string AwsRootPem => ReadText(AwsRootPemFile);

    /// <summary>Where a vector is beside the test assembly.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    public static string ReadText(string name) => File.ReadAllText(Path(name));

    /// <summary>The real Nitro Enclave documents, each with its own timestamp (a time at which its chain is valid).</summary>
    public static IEnumerable<(string Name, byte[] Document, DateTimeOffset At)> RealDocuments()
    {
        yield return (NitriteFile, Nitrite, NitriteTime);
        yield return (EvervaultFile, Evervault, EvervaultTime);
        yield return (Evervault2023File, Read(Evervault2023File), DateTimeOffset.FromUnixTimeMilliseconds(1694102161556));
        yield return (BlockyFile, Read(BlockyFile), DateTimeOffset.FromUnixTimeMilliseconds(1725719859545));
        yield return (FastcryptoFile, Read(FastcryptoFile), DateTimeOffset.FromUnixTimeMilliseconds(1762795210812));
    }

    /// <summary>The real NitroTPM documents, each with its own timestamp.</summary>
    public static IEnumerable<(string Name, byte[] Document, DateTimeOffset At)> RealNitroTpmDocuments()
    {
        yield return (TpmFile, Tpm, TpmTime);
        yield return (TpmHighSFile, TpmHighS, TpmHighSTime);
    }

    /// <summary>A copy with one byte of the COSE signature (the document's last 96 bytes) flipped.</summary>
    public static byte[] WithSignatureByteFlipped(byte[] document)
    {
        var copy = (byte[])document.Clone();
        copy[^10] ^= 0x01;
        return copy;
    }

    /// <summary>A verifier pinned to AWS with no cache (every chain from scratch).</summary>
    public static NsmDashboard.Attestation.AttestationVerifier ColdAwsVerifier() =>
        new(new NsmDashboard.Attestation.AttestationVerifierOptions { ChainCache = null });
}
