using System.Security.Cryptography;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>Test data: real AWS documents (TestData/, see the Attestation tests' TestData/README.md) and expected PCR values computed here.</summary>
public static class Vectors
{
    /// <summary>hf/nitrite's debug-mode document, 2021-10-28T17:02:02.077Z.</summary>
    public const string NitriteDebug = "nitrite-2021-10-28-debug.cbor";

    /// <summary>evervault's production document, 2022-10-13T08:58:02.136Z.</summary>
    public const string EvervaultProduction = "evervault-beta-2022-10-13-production.cbor";

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static string ReadText(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    /// <summary>PCR_new = SHA-384(PCR_old ‖ data) (docs/pcrs.md#extend), computed independently of the app.</summary>
    public static string Extend(string currentHex, byte[] data) =>
        Convert.ToHexStringLower(SHA384.HashData([.. Convert.FromHexString(currentHex), .. data]));

    /// <summary>The initial value of every free PCR: 48 zero bytes.</summary>
    public static string ZeroPcr => new('0', 96);
}
