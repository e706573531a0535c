using System.Buffers;
using System.Text.Json;

namespace NsmDashboard.Nsm;

/// <summary>
/// The boot measurements of an enclave image as <c>nitro-cli</c> prints them: PCR0 (image), PCR1
/// (kernel and bootstrap), PCR2 (application) and, for a signed EIF, PCR8 (signing certificate).
/// These are the final PCR values the NSM reports (nsm-protocol.md §3), not the inputs to an extend.
/// </summary>
/// <remarks>
/// <para><c>nitro-cli build-enclave</c> prints <c>{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": …, "PCR1": …, "PCR2": …}}</c>;
/// <c>nitro-cli describe-eif</c> prints a larger object with the same <c>Measurements</c> member beside
/// <c>EifVersion</c>, <c>IsSigned</c>, <c>CheckCRC</c>, <c>ImageName</c>, … (ignored here). Both shapes are accepted.</para>
/// <para>Parsing uses <see cref="JsonDocument"/> only, so it is trimming- and native-AOT-safe.</para>
/// </remarks>
public sealed class NitroCliMeasurements
{
    /// <summary>The length of one SHA-384 PCR value in bytes.</summary>
    public const int PcrLength = 48;

    /// <summary>The <c>HashAlgorithm</c> text nitro-cli prints (Rust's <c>Debug</c> of its SHA-384 hasher).</summary>
    public const string Sha384HashAlgorithm = "Sha384 { ... }";

    // JSON member names as nitro-cli writes them (serde renames in nitro-cli's json_output.rs).
    private const string MeasurementsMember = "Measurements";
    private const string HashAlgorithmMember = "HashAlgorithm";

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

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
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new MeasurementsFormatException(
                "$",
                $"The measurements are not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}",
                ex);
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
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

    private static NitroCliMeasurements FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new MeasurementsFormatException("$", $"The measurements JSON must be an object, not {Describe(root.ValueKind)}.");
        }

        if (!root.TryGetProperty(MeasurementsMember, out var measurements))
        {
            throw new MeasurementsFormatException(
                "Measurements",
                "The JSON has no \"Measurements\" member; expected the output of 'nitro-cli build-enclave' or 'nitro-cli describe-eif'.");
        }

        if (measurements.ValueKind != JsonValueKind.Object)
        {
            throw new MeasurementsFormatException("Measurements", $"\"Measurements\" must be an object, not {Describe(measurements.ValueKind)}.");
        }

        // nitro-cli always prints HashAlgorithm; a hand-written file may leave it out (the PCR lengths still prove SHA-384).
        var algorithm = Sha384HashAlgorithm;
        if (measurements.TryGetProperty(HashAlgorithmMember, out var algorithmElement))
        {
            algorithm = algorithmElement.ValueKind == JsonValueKind.String
                ? algorithmElement.GetString()!
                : throw new MeasurementsFormatException("Measurements.HashAlgorithm", $"\"HashAlgorithm\" must be a string, not {Describe(algorithmElement.ValueKind)}.");
            if (!IsSha384(algorithm))
            {
                throw new MeasurementsFormatException(
                    "Measurements.HashAlgorithm",
                    $"\"HashAlgorithm\" is '{algorithm}'; Nitro measurements are SHA-384 ('{Sha384HashAlgorithm}').");
            }
        }

        // PCR8 is printed only for a signed EIF.
        ReadOnlyMemory<byte>? pcr8 = null;
        if (measurements.TryGetProperty("PCR8", out _))
        {
            pcr8 = ReadPcr(measurements, "PCR8");
        }

        return new NitroCliMeasurements(
            ReadPcr(measurements, "PCR0"),
            ReadPcr(measurements, "PCR1"),
            ReadPcr(measurements, "PCR2"),
            pcr8,
            algorithm);
    }

    private static byte[] ReadPcr(JsonElement measurements, string name)
    {
        var member = MeasurementsMember + "." + name;
        if (!measurements.TryGetProperty(name, out var element))
        {
            throw new MeasurementsFormatException(member, $"\"Measurements\" has no \"{name}\" member.");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw new MeasurementsFormatException(member, $"\"{name}\" must be a hex string, not {Describe(element.ValueKind)}.");
        }

        var hex = element.GetString()!;
        if (hex.Length != PcrLength * 2)
        {
            throw new MeasurementsFormatException(
                member,
                $"\"{name}\" must be {PcrLength * 2} hex characters (a SHA-384 value), but has {hex.Length}.");
        }

        var value = new byte[PcrLength];
        if (Convert.FromHexString(hex, value, out _, out var written) != OperationStatus.Done || written != PcrLength)
        {
            throw new MeasurementsFormatException(member, $"\"{name}\" is not hexadecimal: '{hex}'.");
        }

        return value;
    }

    private static bool IsSha384(string algorithm) => algorithm.StartsWith("Sha384", StringComparison.OrdinalIgnoreCase);

    private static byte[] CopyPcr(ReadOnlySpan<byte> value, string parameter) =>
        value.Length == PcrLength
            ? value.ToArray()
            : throw new ArgumentException($"A SHA-384 PCR value is {PcrLength} bytes, not {value.Length}.", parameter);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
