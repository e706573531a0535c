using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// The policy options of <c>verify-tls</c> and <c>connect</c> — <c>--measurements FILE</c> (repeatable: each file
/// is one allowed set), <c>--expect-pcr N=HEX</c> (repeatable), <c>--any-enclave</c>, <c>--allow-debug</c> — and the
/// one place they are turned into an <see cref="EnclavePolicy"/>.
/// </summary>
internal sealed class EnclavePolicyArguments
{
    public Option<string[]> Measurements { get; } = new("--measurements")
    {
        Description = "Expect the PCRs in this JSON from 'nitro-cli build-enclave' or 'nitro-cli describe-eif' (PCR0, 1, 2 and 8 when signed); repeat for several allowed images",
        HelpName = "FILE",
    };

    public Option<string[]> ExpectPcr { get; } = ExpectPcrOption(
        "Expect PCR N to hold HEX; repeat for several PCRs. With --measurements, every file's set must also hold these (e.g. PCR3, the IAM role)");

    public Option<bool> AnyEnclave { get; } = new("--any-enclave")
    {
        Description = "Accept any enclave whose attestation binds the certificate, whatever image it runs (the parent instance can run one of its own)",
    };

    public Option<bool> AllowDebug { get; } = new("--allow-debug")
    {
        Description = "Accept a debug-mode enclave (PCR0 all zero), whose console and memory the parent instance can read",
    };

    /// <summary>The <c>--expect-pcr</c> option, as <c>verify</c> has it too.</summary>
    public static Option<string[]> ExpectPcrOption(string description) => new("--expect-pcr")
    {
        Description = description,
        HelpName = "N=HEX",
    };

    /// <summary>Adds the four options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Measurements);
        command.Options.Add(ExpectPcr);
        command.Options.Add(AnyEnclave);
        command.Options.Add(AllowDebug);
    }

    /// <summary>The policy the options give.</summary>
    /// <exception cref="CliException">No policy was given, the options conflict, or a file or value is bad (exit 2).</exception>
    public EnclavePolicy Parse(ParseResult parseResult, string command)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var files = parseResult.GetValue(Measurements) ?? [];
        var assignments = parseResult.GetValue(ExpectPcr) ?? [];
        var any = parseResult.GetValue(AnyEnclave);
        var allowDebug = parseResult.GetValue(AllowDebug);
        if (any && (files.Length > 0 || assignments.Length > 0))
        {
            throw CliException.Usage("--any-enclave conflicts with --measurements and --expect-pcr: expect PCRs, or say that any enclave will do");
        }

        if (any)
        {
            return new EnclavePolicy([], AnyEnclave: true, allowDebug);
        }

        if (files.Length == 0 && assignments.Length == 0)
        {
            throw CliException.Usage(
                $"{command} needs to know which enclave you expect: an attestation only proves that SOME enclave holds the key, and the parent instance can run one of its own. "
                + "Give --measurements FILE (the JSON 'nitro-cli build-enclave' or 'describe-eif' printed for your image), --expect-pcr N=HEX, "
                + "or --any-enclave to accept whatever image the enclave runs.");
        }

        var extra = ParseExpectedPcrs("--expect-pcr", assignments);
        if (files.Length == 0)
        {
            return new EnclavePolicy([extra!], AnyEnclave: false, allowDebug);
        }

        return new EnclavePolicy([.. files.Select(file => LoadMeasurements(file, extra))], AnyEnclave: false, allowDebug);
    }

    /// <summary><c>N=HEX</c> assignments as one expected set named <paramref name="name"/>; <see langword="null"/> when there are none.</summary>
    /// <exception cref="CliException">An assignment is not <c>N=HEX</c> or the set is invalid (exit 2).</exception>
    public static ExpectedPcrSet? ParseExpectedPcrs(string name, string[]? assignments)
    {
        if (assignments is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            return ExpectedPcrSet.Parse(name, assignments);
        }
        catch (FormatException e)
        {
            throw CliException.Usage($"--expect-pcr: {e.Message}", e);
        }
    }

    private static ExpectedPcrSet LoadMeasurements(string path, ExpectedPcrSet? extra)
    {
        NitroCliMeasurements measurements;
        try
        {
            measurements = NitroCliMeasurements.Load(path);
        }
        catch (MeasurementsFormatException e)
        {
            throw CliException.Usage($"--measurements '{path}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--measurements '{path}': cannot read it: {e.Message}", e);
        }

        var pcrs = measurements.Pcrs.ToList();
        foreach (var (index, value) in extra?.Pcrs ?? new Dictionary<int, ReadOnlyMemory<byte>>())
        {
            if (pcrs.Exists(p => p.Key == index))
            {
                throw CliException.Usage($"--expect-pcr {index}=… and --measurements '{path}' both give PCR{index}: give it once");
            }

            pcrs.Add(new(index, value));
        }

        return new ExpectedPcrSet(path, pcrs);
    }
}
