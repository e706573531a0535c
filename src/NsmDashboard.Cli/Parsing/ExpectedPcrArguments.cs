using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Expected PCR sets from the command line, for every command that takes them (<c>verify</c>, <c>verify-tls</c>,
/// <c>connect</c>): <c>N=HEX</c> assignments and measurement files as nitro-cli or nitro-tpm-pcr-compute print them.
/// </summary>
internal static class ExpectedPcrArguments
{
    /// <summary><c>N=HEX</c> assignments as one set of PCRs of <paramref name="kind"/>; none when there are no assignments.</summary>
    /// <exception cref="CliException">An assignment is not <c>N=HEX</c>, or the set is invalid (exit 2).</exception>
    public static ExpectedPcrSet[] ParseAssignments(string option, string[]? assignments, AttestationDocumentKind kind)
    {
        if (assignments is not { Length: > 0 })
        {
            return [];
        }

        try
        {
            return [ExpectedPcrSet.Parse(option, kind, assignments)];
        }
        catch (FormatException e)
        {
            throw CliException.Usage($"{option}: {e.Message}", e);
        }
    }

    /// <summary>One expected set per file, named by the file, with the kind of the tool that printed it.</summary>
    /// <exception cref="CliException">A file cannot be read or is not such JSON (exit 2).</exception>
    public static ExpectedPcrSet[] LoadMeasurementFiles(string option, string[]? paths, out IReadOnlyList<string> warnings)
    {
        var sets = new List<ExpectedPcrSet>();
        var notes = new List<string>();
        foreach (var path in paths ?? [])
        {
            ExpectedMeasurements measurements;
            try
            {
                measurements = ExpectedMeasurements.Parse(System.Text.Encoding.UTF8.GetString(InputFiles.ReadAllBytes(path, option)).TrimStart('\uFEFF'));
            }
            catch (MeasurementsFormatException e)
            {
                throw CliException.Usage($"{option} {path}: {e.Message}", e);
            }

            sets.Add(ExpectedPcrSet.FromMeasurements(path, measurements));
            notes.AddRange(measurements.Warnings.Select(w => $"{path}: {w}"));
        }

        warnings = notes;
        return [.. sets];
    }
}
