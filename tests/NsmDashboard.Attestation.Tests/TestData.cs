namespace NsmDashboard.Attestation.Tests;

/// <summary>The real documents of shared/vectors (copied into TestData/) and the times their chains are valid.</summary>
internal static class TestData
{
    public const string NitriteFile = "nitrite-2021-10-28-debug.cbor";
    public const string EvervaultFile = "evervault-beta-2022-10-13-production.cbor";

    /// <summary>nitrite: leaf valid 2021-10-28T14:44:13Z … 17:44:13Z; document timestamp 17:02:02.077Z.</summary>
    public static readonly DateTimeOffset NitriteTime = DateTimeOffset.FromUnixTimeMilliseconds(1635440522077);
    public static readonly DateTimeOffset NitriteLeafNotBefore = new(2021, 10, 28, 14, 44, 13, TimeSpan.Zero);
    public static readonly DateTimeOffset NitriteLeafNotAfter = new(2021, 10, 28, 17, 44, 13, TimeSpan.Zero);

    /// <summary>evervault: leaf valid 2022-10-13T08:57:59Z … 11:58:02Z; document timestamp 08:58:02.136Z.</summary>
    public static readonly DateTimeOffset EvervaultTime = DateTimeOffset.FromUnixTimeMilliseconds(1665651482136);
    public static readonly DateTimeOffset EvervaultLeafNotBefore = new(2022, 10, 13, 8, 57, 59, TimeSpan.Zero);
    public static readonly DateTimeOffset EvervaultLeafNotAfter = new(2022, 10, 13, 11, 58, 2, TimeSpan.Zero);

    public static byte[] Nitrite => Read(NitriteFile);

    public static byte[] Evervault => Read(EvervaultFile);

    public static byte[] AwsRootDer => Read("aws-nitro-enclaves-root-G1.der");

    public static string AwsRootPem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "aws-nitro-enclaves-root-G1.pem"));

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static IEnumerable<(string Name, byte[] Document, DateTimeOffset At)> RealDocuments()
    {
        yield return (NitriteFile, Nitrite, NitriteTime);
        yield return (EvervaultFile, Evervault, EvervaultTime);
    }

    /// <summary>A verifier pinned to AWS with no cache (every chain from scratch).</summary>
    public static AttestationVerifier ColdAwsVerifier() => new(new AttestationVerifierOptions { ChainCache = null });
}
