using System.Globalization;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary>Enclave images for the trail tests: another one than the emulator's default, and measurement files as nitro-cli prints them.</summary>
internal static class EnclaveImages
{
    /// <summary>An image other than the emulator's default (<see cref="Nsm.Emulator.NsmEmulatorOptions.DefaultMeasurements"/>): what the parent instance could run.</summary>
    public static NitroCliMeasurements Other { get; } = new(Image(0x17, 0), Image(0x17, 1), Image(0x17, 2));

    /// <summary>The JSON of <c>nitro-cli describe-eif</c> for an image.</summary>
    public static string Json(NitroCliMeasurements image) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{Convert.ToHexStringLower(image.Pcr0.Span)}}}","PCR1":"{{{Convert.ToHexStringLower(image.Pcr1.Span)}}}","PCR2":"{{{Convert.ToHexStringLower(image.Pcr2.Span)}}}"}}""");

    private static byte[] Image(byte image, int index) => [.. Enumerable.Repeat(image, 47), (byte)index];
}
