using System.Security.Cryptography;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>Test data: real AWS documents (TestData/, see the Attestation tests' TestData/README.md) and expected PCR values computed here.</summary>
public static class Vectors
{
    /// <summary>hf/nitrite's debug-mode document, 2021-10-28T17:02:02.077Z.</summary>
    public const string NitriteDebug = "nitrite-2021-10-28-debug.cbor";

    /// <summary>evervault's production document, 2022-10-13T08:58:02.136Z.</summary>
    public const string EvervaultProduction = "evervault-beta-2022-10-13-production.cbor";

    /// <summary>A NitroTPM document (EC2 instance attestation, lockboot/vaportpm), 2026-02-02T07:28:28.379Z.</summary>
    public const string NitroTpm = "nitrotpm-vaportpm-2026-02-02.cbor";

    /// <summary>The NitroTPM document's timestamp, inside its leaf's window (07:28:25Z … 10:28:28Z).</summary>
    public const string NitroTpmTimestamp = "2026-02-02T07:28:28.379Z";

    /// <summary>PCR4 (boot loader) of the NitroTPM document.</summary>
    public const string NitroTpmPcr4 = "1a1f166e1995c1e1bfdf1c1d13b1ebc9d5d4e44397501655c911a2062d92063483ca9e17f0264efe336d4b61c5b98d1e";

    /// <summary>fastcrypto's 2025 enclave document: indefinite-length payload map, high-S signature, PCR16.</summary>
    public const string Indefinite2025 = "fastcrypto-2025-11-10-indefinite-pcr16.cbor";

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static string ReadText(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    /// <summary>PCR_new = SHA-384(PCR_old ‖ data) (docs/pcrs.md#extend), computed independently of the app.</summary>
    public static string Extend(string currentHex, byte[] data) =>
        Convert.ToHexStringLower(SHA384.HashData([.. Convert.FromHexString(currentHex), .. data]));

    /// <summary>The initial value of every free PCR: 48 zero bytes.</summary>
    public static string ZeroPcr => new('0', 96);
}
