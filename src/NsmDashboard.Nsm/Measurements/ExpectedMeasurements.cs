namespace NsmDashboard.Nsm;

/// <summary>
/// Expected PCR values imported from either tool's output, with the <see cref="Format"/> that says which kind of
/// document they belong to: <c>nitro-cli</c> (Nitro Enclave PCR0/1/2/8) or <c>nitro-tpm-pcr-compute</c> (NitroTPM
/// PCR4/7/12). The same index means different registers in the two, so a set must never lose its format.
/// </summary>
public sealed class ExpectedMeasurements
{
    private ExpectedMeasurements(MeasurementsFormat format, string hashAlgorithm, IReadOnlyList<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs, IReadOnlyList<string> warnings)
    {
        Format = format;
        HashAlgorithm = hashAlgorithm;
        Pcrs = pcrs;
        Warnings = warnings;
    }

    /// <summary>Which tool's output this is, and so which kind of document the PCRs are of.</summary>
    public MeasurementsFormat Format { get; }

    /// <summary>The hash algorithm as printed (always SHA-384).</summary>
    public string HashAlgorithm { get; }

    /// <summary>The PCRs by index, ascending.</summary>
    public IReadOnlyList<KeyValuePair<int, ReadOnlyMemory<byte>>> Pcrs { get; }

    /// <summary>What a policy of these values would leave open (see <see cref="NitroTpmPcrMeasurements.Warnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>From <c>nitro-cli</c> measurements.</summary>
    public static ExpectedMeasurements From(NitroCliMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        return new(MeasurementsFormat.NitroCli, measurements.HashAlgorithm, measurements.Pcrs, []);
    }

    /// <summary>From <c>nitro-tpm-pcr-compute</c> measurements.</summary>
    public static ExpectedMeasurements From(NitroTpmPcrMeasurements measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        return new(MeasurementsFormat.NitroTpmPcrCompute, measurements.HashAlgorithm, measurements.Pcrs, measurements.Warnings);
    }

    /// <summary>
    /// Parses either tool's JSON. Both print <c>{"Measurements": {"HashAlgorithm": …, "PCR<i>n</i>": …}}</c>; the PCRs
    /// decide: a file with PCR0, PCR1 or PCR2 is nitro-cli's (an enclave image always has all three), any other set
    /// of PCRs is nitro-tpm-pcr-compute's (it never prints PCR0–2).
    /// </summary>
    /// <exception cref="MeasurementsFormatException">The text is neither tool's JSON; the message names the member.</exception>
    public static ExpectedMeasurements Parse(string json)
    {
        using var document = MeasurementsJson.Parse(json);
        var measurements = MeasurementsJson.MeasurementsOf(document.RootElement, "'nitro-cli build-enclave', 'nitro-cli describe-eif' or 'nitro-tpm-pcr-compute'");
        var indices = MeasurementsJson.PcrIndicesOf(measurements);
        return indices.Overlaps([0, 1, 2])
            ? From(NitroCliMeasurements.FromJson(document.RootElement))
            : From(NitroTpmPcrMeasurements.FromJson(document.RootElement));
    }

    /// <summary>Reads and parses a file holding either tool's JSON output.</summary>
    /// <exception cref="MeasurementsFormatException">The file does not hold such JSON.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ExpectedMeasurements Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path));
    }
}
