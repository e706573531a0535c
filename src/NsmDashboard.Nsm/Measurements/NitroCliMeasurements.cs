using System.Text.Json;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm;

/// <summary>
/// The boot measurements of an enclave image as <c>nitro-cli</c> prints them: PCR0 (image), PCR1
/// (kernel and bootstrap), PCR2 (application) and, for a signed EIF, PCR8 (signing certificate).
/// These are the final PCR values the NSM reports (docs/pcrs.md#meanings), not the inputs to an extend.
/// </summary>
/// <remarks>
/// <para><c>nitro-cli build-enclave</c> prints <c>{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": …, "PCR1": …, "PCR2": …}}</c>;
/// <c>nitro-cli describe-eif</c> prints a larger object with the same <c>Measurements</c> member beside
/// <c>EifVersion</c>, <c>IsSigned</c>, <c>CheckCRC</c>, <c>ImageName</c>, … (ignored here). Both shapes are accepted.</para>
/// <para>Parsing uses <see cref="JsonDocument"/> only, so it is trimming- and native-AOT-safe.</para>
/// </remarks>
public sealed class NitroCliMeasurements
{

    /// <summary>The <c>HashAlgorithm</c> text nitro-cli prints (Rust's <c>Debug</c> of its SHA-384 hasher).</summary>
    public const string Sha384HashAlgorithm = "Sha384 { ... }";

    private readonly byte[] _pcr0;
    private readonly byte[] _pcr1;
    private readonly byte[] _pcr2;
    private readonly byte[]? _pcr8;

    /// <summary>Creates measurements from PCR values (each 48 bytes; the bytes are copied).</summary>
    /// <param name="pcr0">PCR0, the enclave image.</param>
    /// <param name="pcr1">PCR1, the kernel and bootstrap.</param>
    /// <param name="pcr2">PCR2, the application.</param>
    /// <param name="pcr8">PCR8, the EIF signing certificate; <see langword="null"/> for an unsigned image.</param>
    /// <param name="hashAlgorithm">The hash algorithm text as nitro-cli prints it.</param>
    /// <exception cref="ArgumentException">A value is not 48 bytes, or the algorithm is not SHA-384.</exception>
    public NitroCliMeasurements(
        ReadOnlyMemory<byte> pcr0,
        ReadOnlyMemory<byte> pcr1,
        ReadOnlyMemory<byte> pcr2,
        ReadOnlyMemory<byte>? pcr8 = null,
        string hashAlgorithm = Sha384HashAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(hashAlgorithm);
        if (!IsSha384(hashAlgorithm))
        {
            throw new ArgumentException($"Only SHA-384 measurements exist on Nitro; got hash algorithm '{hashAlgorithm}'.", nameof(hashAlgorithm));
        }

        _pcr0 = CopyPcr(pcr0.Span, nameof(pcr0));
        _pcr1 = CopyPcr(pcr1.Span, nameof(pcr1));
        _pcr2 = CopyPcr(pcr2.Span, nameof(pcr2));
        _pcr8 = pcr8 is { } value ? CopyPcr(value.Span, nameof(pcr8)) : null;
        HashAlgorithm = hashAlgorithm;
    }

    /// <summary>The hash algorithm as printed by nitro-cli, e.g. <c>Sha384 { ... }</c>.</summary>
    public string HashAlgorithm { get; }

    /// <summary>PCR0: hash of the enclave image file (kernel, cmdline and all ramdisks).</summary>
    public ReadOnlyMemory<byte> Pcr0 => _pcr0;

    /// <summary>PCR1: hash of the Linux kernel and bootstrap.</summary>
    public ReadOnlyMemory<byte> Pcr1 => _pcr1;

    /// <summary>PCR2: hash of the application.</summary>
    public ReadOnlyMemory<byte> Pcr2 => _pcr2;

    /// <summary>PCR8: hash of the EIF signing certificate; <see langword="null"/> when the image is unsigned.</summary>
    public ReadOnlyMemory<byte>? Pcr8 => _pcr8 is null ? (ReadOnlyMemory<byte>?)null : _pcr8;

    /// <summary>The measured PCRs by index, ascending: 0, 1, 2 and 8 when present.</summary>
    public IReadOnlyList<KeyValuePair<int, ReadOnlyMemory<byte>>> Pcrs =>
        _pcr8 is null
            ? [new(0, _pcr0), new(1, _pcr1), new(2, _pcr2)]
            : [new(0, _pcr0), new(1, _pcr1), new(2, _pcr2), new(8, _pcr8)];

    /// <summary>Parses the JSON printed by <c>nitro-cli build-enclave</c> or <c>nitro-cli describe-eif</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="MeasurementsFormatException">The text is not such JSON; the message names the member.</exception>
    public static NitroCliMeasurements Parse(string json)
    {
        using var document = MeasurementsJson.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Reads and parses a file holding nitro-cli's JSON output.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="MeasurementsFormatException">The file does not hold such JSON.</exception>
    /// <exception cref="IOException">The file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static NitroCliMeasurements Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path));
    }

    internal static NitroCliMeasurements FromJson(JsonElement root)
    {
        var measurements = MeasurementsJson.MeasurementsOf(root, "'nitro-cli build-enclave' or 'nitro-cli describe-eif'");

        // nitro-cli always prints HashAlgorithm; a hand-written file may leave it out (the PCR lengths still prove SHA-384).
        var algorithm = MeasurementsJson.HashAlgorithmOf(measurements, Sha384HashAlgorithm);

        // PCR8 is printed only for a signed EIF.
        ReadOnlyMemory<byte>? pcr8 = null;
        if (measurements.TryGetProperty("PCR8", out _))
        {
            pcr8 = MeasurementsJson.ReadPcr(measurements, "PCR8");
        }

        return new NitroCliMeasurements(
            MeasurementsJson.ReadPcr(measurements, "PCR0"),
            MeasurementsJson.ReadPcr(measurements, "PCR1"),
            MeasurementsJson.ReadPcr(measurements, "PCR2"),
            pcr8,
            algorithm);
    }

    private static bool IsSha384(string algorithm) => MeasurementsJson.IsSha384(algorithm);

    private static byte[] CopyPcr(ReadOnlySpan<byte> value, string parameter) =>
        value.Length == NsmLimits.PcrLength
            ? value.ToArray()
            : throw new ArgumentException($"A SHA-384 PCR value is {NsmLimits.PcrLength} bytes, not {value.Length}.", parameter);
}
