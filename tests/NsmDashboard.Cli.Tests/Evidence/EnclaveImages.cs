using System.Globalization;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary>
/// Enclave images for the trail tests: another one than the emulator's default, measurement files as nitro-cli prints
/// them, and the enclaves the parent could run under the dashboard's root.
/// </summary>
internal static class EnclaveImages
{
    /// <summary>An image other than the emulator's default (<see cref="NsmEmulatorOptions.DefaultMeasurements"/>): what the parent instance could run.</summary>
    public static NitroCliMeasurements Other { get; } = new(Image(0x17, 0), Image(0x17, 1), Image(0x17, 2));

    /// <summary>The JSON of <c>nitro-cli describe-eif</c> for an image.</summary>
    public static string Json(NitroCliMeasurements image) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{Convert.ToHexStringLower(image.Pcr0.Span)}}}","PCR1":"{{{Convert.ToHexStringLower(image.Pcr1.Span)}}}","PCR2":"{{{Convert.ToHexStringLower(image.Pcr2.Span)}}}"}}""");

    /// <summary>An enclave the parent runs beside the dashboard's, under the same root (the CA kept in <paramref name="caDirectory"/>).</summary>
    public static NsmEmulator ParentsEnclave(string caDirectory, NitroCliMeasurements? image = null, bool debugMode = false) => new(new NsmEmulatorOptions
    {
        ModuleId = FakeDashboard.NewModuleId(),
        CertificateAuthorityDirectory = caDirectory,
        Measurements = image,
        DebugMode = debugMode,
    });

    private static byte[] Image(byte image, int index) => [.. Enumerable.Repeat(image, 47), (byte)index];
}
