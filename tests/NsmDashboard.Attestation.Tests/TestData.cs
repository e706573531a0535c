namespace NsmDashboard.Attestation.Tests;

/// <summary>The real documents in TestData/ (provenance in TestData/README.md) and the times their chains are valid.</summary>
internal static class TestData
{
    public const string NitriteFile = "nitrite-2021-10-28-debug.cbor";
    public const string EvervaultFile = "evervault-beta-2022-10-13-production.cbor";
    public const string Evervault2023File = "evervault-2023-09-07-debug.cbor";
    public const string BlockyFile = "blocky-nitrite-2024-09-07-max-fields.cbor";
    public const string FastcryptoFile = "fastcrypto-2025-11-10-indefinite-pcr16.cbor";
    public const string TpmFile = "nitrotpm-vaportpm-2026-02-02.cbor";
    public const string TpmHighSFile = "nitrotpm-vaportpm-2026-02-01-high-s.cbor";

    /// <summary>nitrite: leaf valid 2021-10-28T14:44:13Z … 17:44:13Z; document timestamp 17:02:02.077Z.</summary>
    public static readonly DateTimeOffset NitriteTime = DateTimeOffset.FromUnixTimeMilliseconds(1635440522077);
    public static readonly DateTimeOffset NitriteLeafNotBefore = new(2021, 10, 28, 14, 44, 13, TimeSpan.Zero);
    public static readonly DateTimeOffset NitriteLeafNotAfter = new(2021, 10, 28, 17, 44, 13, TimeSpan.Zero);

    /// <summary>evervault: leaf valid 2022-10-13T08:57:59Z … 11:58:02Z; document timestamp 08:58:02.136Z.</summary>
    public static readonly DateTimeOffset EvervaultTime = DateTimeOffset.FromUnixTimeMilliseconds(1665651482136);
    public static readonly DateTimeOffset EvervaultLeafNotBefore = new(2022, 10, 13, 8, 57, 59, TimeSpan.Zero);
    public static readonly DateTimeOffset EvervaultLeafNotAfter = new(2022, 10, 13, 11, 58, 2, TimeSpan.Zero);

    /// <summary>NitroTPM, i-0082f89b039c97a0f: leaf valid 2026-02-02T07:28:25Z … 10:28:28Z; timestamp 07:28:28.379Z.</summary>
    public static readonly DateTimeOffset TpmTime = DateTimeOffset.FromUnixTimeMilliseconds(1770017308379);
    public static readonly DateTimeOffset TpmLeafNotBefore = new(2026, 2, 2, 7, 28, 25, TimeSpan.Zero);
    public static readonly DateTimeOffset TpmLeafNotAfter = new(2026, 2, 2, 10, 28, 28, TimeSpan.Zero);

    /// <summary>NitroTPM, i-030a1f233f8348690 (high-S signature): leaf valid 2026-02-01T04:43:32Z … 07:43:35Z; timestamp 05:19:43.375Z.</summary>
    public static readonly DateTimeOffset TpmHighSTime = DateTimeOffset.FromUnixTimeMilliseconds(1769923183375);

    public static byte[] Nitrite => Read(NitriteFile);

    public static byte[] Tpm => Read(TpmFile);

    public static byte[] TpmHighS => Read(TpmHighSFile);

    public static byte[] Evervault => Read(EvervaultFile);

    public static byte[] AwsRootDer => Read("aws-nitro-enclaves-root-G1.der");

    public static string AwsRootPem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "aws-nitro-enclaves-root-G1.pem"));

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    /// <summary>The real Nitro Enclave documents, each with its own timestamp.</summary>
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

    /// <summary>A verifier pinned to AWS with no cache (every chain from scratch).</summary>
    public static AttestationVerifier ColdAwsVerifier() => new(new AttestationVerifierOptions { ChainCache = null });
}
