namespace NsmDashboard.TestSupport;

/// <summary>
/// The real attestation documents from Nitro hardware, the AWS Nitro Enclaves root and nitro-cli's JSON, kept once in
/// tests/Shared/Vectors (see its README) and copied into each test project's output under <c>TestData/</c>; and the
/// facts the tests check the documents against.
/// </summary>
internal static class AwsVectors
{
    /// <summary>hf/nitrite's debug-mode document: 16 PCRs (0–2 zero), public_key EMPTY, user_data 64 bytes, nonce 20 bytes.</summary>
    public const string NitriteFile = "nitrite-2021-10-28-debug.cbor";

    /// <summary>evervault's production document: public_key and user_data null, nonce 256 bytes.</summary>
    public const string EvervaultFile = "evervault-beta-2022-10-13-production.cbor";

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

    public static byte[] Nitrite => Read(NitriteFile);

    public static byte[] Evervault => Read(EvervaultFile);

    public static byte[] AwsRootDer => Read(AwsRootDerFile);

    public static string AwsRootPem => ReadText(AwsRootPemFile);

    /// <summary>Where a vector is beside the test assembly.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Path(name));

    public static string ReadText(string name) => File.ReadAllText(Path(name));

    /// <summary>Both real documents with the time at which their chains are valid (their own timestamps).</summary>
    public static IEnumerable<(string Name, byte[] Document, DateTimeOffset At)> RealDocuments()
    {
        yield return (NitriteFile, Nitrite, NitriteTime);
        yield return (EvervaultFile, Evervault, EvervaultTime);
    }

    /// <summary>A copy with one byte of the COSE signature (the document's last 96 bytes) flipped.</summary>
    public static byte[] WithSignatureByteFlipped(byte[] document)
    {
        var copy = (byte[])document.Clone();
        copy[^10] ^= 0x01;
        return copy;
    }
}
