using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm;

/// <summary>
/// The NitroTPM PCRs of an EC2 image as <c>nitro-tpm-pcr-compute</c> (aws/NitroTPM-Tools) prints them:
/// <c>{"Measurements": {"HashAlgorithm": "SHA384", "PCR4": …, "PCR7": …, "PCR12": …}}</c> — the final values of the
/// instance's NitroTPM SHA-384 bank after booting the unified kernel image, the same values a NitroTPM attestation
/// document carries in <c>nitrotpm_pcrs</c>. PCR indices here are TPM PCRs (0–23), not enclave PCRs.
/// </summary>
/// <remarks>
/// <para>Version 1.0 of the tool printed PCR4 and PCR7 only; 1.1.0 added PCR12 (all zero for a UKI booted without
/// command line overrides) because a key policy that does not pin PCR12 and PCR7 lets whoever controls the boot
/// change the kernel command line (aws/NitroTPM-Tools security advisory). Such gaps are reported in
/// <see cref="Warnings"/>, not rejected: the values given are still the right ones.</para>
/// </remarks>
public sealed class NitroTpmPcrMeasurements
{
    /// <summary>The <c>HashAlgorithm</c> text the tool prints (the <c>Debug</c> of aws-lc-rs's SHA-384).</summary>
    public const string Sha384HashAlgorithm = "SHA384";

    /// <summary>The number of PCRs of a TPM 2.0 PC Client bank; valid indices are 0–23.</summary>
    public const int PcrCount = 24;

    /// <summary>The PCRs a key policy should pin for a UKI boot: the boot loader, Secure Boot policy, command line.</summary>
    public static IReadOnlyList<int> PolicyPcrs { get; } = [4, 7, 12];

    private readonly KeyValuePair<int, ReadOnlyMemory<byte>>[] _pcrs;

    /// <summary>Creates measurements from NitroTPM PCR values (each 48 bytes, indices 0–23; the bytes are copied).</summary>
    /// <exception cref="ArgumentException">The set is empty, an index is outside 0–23 or repeated, or a value is not 48 bytes.</exception>
    public NitroTpmPcrMeasurements(IEnumerable<KeyValuePair<int, ReadOnlyMemory<byte>>> pcrs, string hashAlgorithm = Sha384HashAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        ArgumentNullException.ThrowIfNull(hashAlgorithm);
        if (!MeasurementsJson.IsSha384(hashAlgorithm))
        {
            throw new ArgumentException($"NitroTPM measurements are SHA-384; got hash algorithm '{hashAlgorithm}'.", nameof(hashAlgorithm));
        }

        var sorted = new SortedDictionary<int, ReadOnlyMemory<byte>>();
        foreach (var (index, value) in pcrs)
        {
            if (index is < 0 or >= PcrCount)
            {
                throw new ArgumentException($"PCR index {index} is outside 0–23 (NitroTPM PCRs).", nameof(pcrs));
            }

            if (value.Length != NsmLimits.PcrLength)
            {
                throw new ArgumentException($"PCR{index} is {value.Length} bytes; a SHA-384 PCR value is 48.", nameof(pcrs));
            }

            if (!sorted.TryAdd(index, value.ToArray()))
            {
                throw new ArgumentException($"PCR{index} is given twice.", nameof(pcrs));
            }
        }

        if (sorted.Count == 0)
        {
            throw new ArgumentException("NitroTPM measurements need at least one PCR.", nameof(pcrs));
        }

        _pcrs = [.. sorted];
        HashAlgorithm = hashAlgorithm;
        Warnings = PolicyPcrs
            .Where(i => !sorted.ContainsKey(i))
            .Select(i => i switch
            {
                7 => "PCR7 (Secure Boot policy) is not given: without it a policy does not pin whether Secure Boot is on or which keys it trusts.",
                12 => "PCR12 (kernel command line and credentials) is not given: without it a policy lets whoever controls the boot change the kernel command line (nitro-tpm-pcr-compute 1.1.0 prints it).",
                _ => $"PCR{i} (boot loader / UKI) is not given: without it a policy does not pin what was booted.",
            })
            .ToArray();
    }

    /// <summary>The hash algorithm as printed, <c>SHA384</c>.</summary>
    public string HashAlgorithm { get; }

    /// <summary>The NitroTPM PCRs by index, ascending.</summary>
    public IReadOnlyList<KeyValuePair<int, ReadOnlyMemory<byte>>> Pcrs => _pcrs;

    /// <summary>What a key policy built from these values would leave open (PCR4, PCR7 or PCR12 missing).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Parses the JSON printed by <c>nitro-tpm-pcr-compute</c>.</summary>
    /// <exception cref="MeasurementsFormatException">The text is not such JSON; the message names the member.</exception>
    public static NitroTpmPcrMeasurements Parse(string json)
    {
        using var document = MeasurementsJson.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Reads and parses a file holding <c>nitro-tpm-pcr-compute</c>'s JSON output.</summary>
    /// <exception cref="MeasurementsFormatException">The file does not hold such JSON.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static NitroTpmPcrMeasurements Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path));
    }

    internal static NitroTpmPcrMeasurements FromJson(System.Text.Json.JsonElement root)
    {
        var measurements = MeasurementsJson.MeasurementsOf(root, "'nitro-tpm-pcr-compute'");
        var algorithm = MeasurementsJson.HashAlgorithmOf(measurements, Sha384HashAlgorithm);
        var indices = MeasurementsJson.PcrIndicesOf(measurements);
        if (indices.Count == 0)
        {
            throw new MeasurementsFormatException(MeasurementsJson.MeasurementsMember, "\"Measurements\" has no PCR member (nitro-tpm-pcr-compute prints PCR4, PCR7 and PCR12).");
        }

        if (indices.Max >= PcrCount)
        {
            throw new MeasurementsFormatException($"{MeasurementsJson.MeasurementsMember}.PCR{indices.Max}", $"PCR{indices.Max} is not a NitroTPM PCR (0–23).");
        }

        return new NitroTpmPcrMeasurements(
            indices.Select(i => new KeyValuePair<int, ReadOnlyMemory<byte>>(i, MeasurementsJson.ReadPcr(measurements, $"PCR{i}"))).ToArray(),
            algorithm);
    }
}
