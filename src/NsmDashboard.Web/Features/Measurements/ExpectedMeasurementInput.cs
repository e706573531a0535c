using System.Globalization;
using System.Text.Json;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// Turns what an operator gives into a named expected set: the JSON <c>nitro-cli build-enclave</c> or
/// <c>describe-eif</c> printed (enclave PCR0/1/2, and PCR8 for a signed image), the JSON <c>nitro-tpm-pcr-compute</c>
/// printed (NitroTPM PCR4/7/12), a PCR map, or <c>index=hex</c> lines of a chosen kind. Every failure is a
/// <see cref="FormatException"/> whose message says what to fix.
/// </summary>
public static class ExpectedMeasurementInput
{
    /// <summary>The longest set name accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>A set from nitro-cli's JSON; the source tells which command printed it.</summary>
    /// <exception cref="FormatException">The name is invalid, or the JSON is not nitro-cli's (the message names the member).</exception>
    public static (ExpectedPcrSet Set, string Source) FromNitroCli(string? name, string? json)
    {
        var validName = ValidName(name);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException("Paste the JSON that 'nitro-cli build-enclave' or 'nitro-cli describe-eif' printed.");
        }

        NitroCliMeasurements measurements;
        try
        {
            measurements = NitroCliMeasurements.Parse(json);
        }
        catch (MeasurementsFormatException ex) when (ex.Member != "$")
        {
            // Name the member first, so "Measurements.PCR1: …" says where to look in a long describe-eif output.
            throw new FormatException($"{ex.Member}: {ex.Message}", ex);
        }

        return (new ExpectedPcrSet(validName, measurements.Pcrs), IsDescribeEif(json) ? ExpectedMeasurementSet.DescribeEifSource : ExpectedMeasurementSet.BuildEnclaveSource);
    }

    /// <summary>A NitroTPM set from <c>nitro-tpm-pcr-compute</c>'s JSON, with what a policy of it would leave open.</summary>
    /// <exception cref="FormatException">The name is invalid, or the JSON is not the tool's (the message names the member).</exception>
    public static (ExpectedPcrSet Set, IReadOnlyList<string> Warnings) FromNitroTpmPcrCompute(string? name, string? json)
    {
        var validName = ValidName(name);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException("Paste the JSON that 'nitro-tpm-pcr-compute' printed.");
        }

        NitroTpmPcrMeasurements measurements;
        try
        {
            measurements = NitroTpmPcrMeasurements.Parse(json);
        }
        catch (MeasurementsFormatException ex) when (ex.Member != "$")
        {
            throw new FormatException($"{ex.Member}: {ex.Message}", ex);
        }

        return (ExpectedPcrSet.FromMeasurements(validName, ExpectedMeasurements.From(measurements)), measurements.Warnings);
    }

    /// <summary>
    /// A set from either tool's JSON, recognised by its PCRs (<see cref="ExpectedMeasurements.Parse"/>): nitro-cli's
    /// makes a Nitro Enclave set, nitro-tpm-pcr-compute's a NitroTPM set. The source names the tool; the warnings say
    /// what a policy of these values would leave open.
    /// </summary>
    /// <exception cref="FormatException">The name is invalid, or the JSON is neither tool's (the message names the member).</exception>
    public static (ExpectedPcrSet Set, string Source, IReadOnlyList<string> Warnings) FromToolOutput(string? name, string? json)
    {
        var validName = ValidName(name);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new FormatException("Paste the JSON that 'nitro-cli build-enclave', 'nitro-cli describe-eif' or 'nitro-tpm-pcr-compute' printed.");
        }

        ExpectedMeasurements measurements;
        try
        {
            measurements = ExpectedMeasurements.Parse(json);
        }
        catch (MeasurementsFormatException ex) when (ex.Member != "$")
        {
            throw new FormatException($"{ex.Member}: {ex.Message}", ex);
        }

        var source = measurements.Format == MeasurementsFormat.NitroTpmPcrCompute
            ? ExpectedMeasurementSet.NitroTpmPcrComputeSource
            : IsDescribeEif(json) ? ExpectedMeasurementSet.DescribeEifSource : ExpectedMeasurementSet.BuildEnclaveSource;
        return (ExpectedPcrSet.FromMeasurements(validName, measurements), source, measurements.Warnings);
    }

    /// <summary>A set from a PCR map: keys <c>0</c> or <c>PCR0</c>, values hex.</summary>
    /// <exception cref="FormatException">The name, an index or a value is invalid, or the map is empty.</exception>
    public static ExpectedPcrSet FromPcrs(string? name, IReadOnlyDictionary<string, string>? pcrs) =>
        FromPcrs(name, AttestationDocumentKind.NitroEnclave, pcrs);

    /// <summary>A set of PCRs of <paramref name="kind"/> from a PCR map: keys <c>0</c> or <c>PCR0</c>, values hex.</summary>
    /// <exception cref="FormatException">The name, an index or a value is invalid for the kind, or the map is empty.</exception>
    public static ExpectedPcrSet FromPcrs(string? name, AttestationDocumentKind kind, IReadOnlyDictionary<string, string>? pcrs)
    {
        var validName = ValidName(name);
        if (pcrs is null || pcrs.Count == 0)
        {
            throw new FormatException("Give at least one PCR, e.g. {\"0\": \"<96 hex digits>\"}.");
        }

        return ExpectedPcrSet.Parse(validName, kind, pcrs);
    }

    /// <summary>A set from text: one <c>index=hex</c> per line (blank lines ignored).</summary>
    /// <exception cref="FormatException">The name or a line is invalid, or there is no line.</exception>
    public static ExpectedPcrSet FromText(string? name, string? text) =>
        FromText(name, AttestationDocumentKind.NitroEnclave, text);

    /// <summary>A set of PCRs of <paramref name="kind"/> from text: one <c>index=hex</c> per line (blank lines ignored).</summary>
    /// <exception cref="FormatException">The name or a line is invalid for the kind, or there is no line.</exception>
    public static ExpectedPcrSet FromText(string? name, AttestationDocumentKind kind, string? text)
    {
        var validName = ValidName(name);
        var lines = (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new FormatException("Enter at least one PCR as index=hex, e.g. 0=9d3f…");
        }

        return ExpectedPcrSet.Parse(validName, kind, lines);
    }

    /// <summary>The name, trimmed; refused when empty, too long, or holding control characters.</summary>
    /// <exception cref="FormatException">The name is not usable.</exception>
    public static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new FormatException("Give the set a name, e.g. release-42.");
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"A set name is at most {MaxNameLength} printable characters."));
        }

        return trimmed;
    }

    // describe-eif wraps Measurements with EifVersion, IsSigned, Metadata…; build-enclave prints Measurements alone.
    private static bool IsDescribeEif(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.EnumerateObject().Any(p => p.Name != "Measurements");
    }
}
