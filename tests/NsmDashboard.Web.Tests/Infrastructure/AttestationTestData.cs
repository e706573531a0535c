namespace NsmDashboard.Web.Tests.Infrastructure;

/// <summary>The real documents in TestData/ (from Nitro hardware) and the facts the tests check them against.</summary>
internal static class AttestationTestData
{
    /// <summary>nitrite 2021: document timestamp 2021-10-28T17:02:02.077Z; leaf valid 14:44:13Z … 17:44:13Z.</summary>
    public static readonly DateTimeOffset NitriteTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1635440522077);

    /// <summary>evervault 2022: document timestamp 2022-10-13T08:58:02.136Z; leaf valid 08:57:59Z … 11:58:02Z.</summary>
    public static readonly DateTimeOffset EvervaultTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1665651482136);

    /// <summary>SHA-256 of the AWS root's DER (docs/attestation-document.md#aws-root).</summary>
    public const string AwsRootSha256 = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";

    /// <summary>Debug mode, 16 PCRs, public_key EMPTY, user_data 64 bytes, nonce 20 bytes.</summary>
    public static byte[] Nitrite => Read("nitrite-2021-10-28-debug.cbor");

    /// <summary>Production, public_key and user_data null, nonce 256 bytes.</summary>
    public static byte[] Evervault => Read("evervault-beta-2022-10-13-production.cbor");

    /// <summary>
    /// A NitroTPM document (EC2 instance attestation, lockboot/vaportpm): timestamp 2026-02-02T07:28:28.379Z, leaf
    /// valid 07:28:25Z … 10:28:28Z, 24 nitrotpm_pcrs, indefinite payload map.
    /// </summary>
    public static byte[] NitroTpm => Read("nitrotpm-vaportpm-2026-02-02.cbor");

    /// <summary>The NitroTPM document's timestamp.</summary>
    public static readonly DateTimeOffset NitroTpmTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1770017308379);

    /// <summary>PCR4 (boot loader) of the NitroTPM document.</summary>
    public const string NitroTpmPcr4 = "1a1f166e1995c1e1bfdf1c1d13b1ebc9d5d4e44397501655c911a2062d92063483ca9e17f0264efe336d4b61c5b98d1e";

    public static string AwsRootPem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "aws-nitro-enclaves-root-G1.pem"));

    /// <summary>A copy with one byte of the COSE signature (the document's last 96 bytes) flipped.</summary>
    public static byte[] WithSignatureByteFlipped(byte[] document)
    {
        var copy = (byte[])document.Clone();
        copy[^10] ^= 0x01;
        return copy;
    }

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
