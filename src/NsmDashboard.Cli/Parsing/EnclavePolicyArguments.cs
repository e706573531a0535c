using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// The policy options of <c>verify-tls</c>, <c>connect</c> and the trail commands (<c>audit pull</c>, <c>audit verify</c>,
/// <c>eventlog replay</c>, through <see cref="Infrastructure.TrailInputs"/>) — <c>--measurements FILE</c> (repeatable: each file
/// is one allowed set), <c>--expect-pcr N=HEX</c> (repeatable), <c>--any-enclave</c>, <c>--allow-debug</c> — and the
/// one place they are turned into an <see cref="EnclavePolicy"/> (values and files parsed by <see cref="ExpectedPcrArguments"/>,
/// as for <c>verify</c>).
/// </summary>
internal sealed class EnclavePolicyArguments
{
    public Option<string[]> Measurements { get; } = new("--measurements")
    {
        Description = "Expect the PCRs in this JSON from 'nitro-cli build-enclave' or 'nitro-cli describe-eif' (PCR0, 1, 2 and 8 when signed); repeat for several allowed images",
        HelpName = "FILE",
    };

    public Option<string[]> ExpectPcr { get; } = new("--expect-pcr")
    {
        Description = "Expect PCR N to hold HEX; repeat for several PCRs. With --measurements, every file's set must also hold these (e.g. PCR3, the IAM role)",
        HelpName = "N=HEX",
    };

    public Option<bool> AnyEnclave { get; } = new("--any-enclave")
    {
        Description = "Accept any enclave, whatever image it runs, as the one that binds the certificate or signs the checkpoints (the parent instance can run one of its own)",
    };

    public Option<bool> AllowDebug { get; } = new("--allow-debug")
    {
        Description = "Accept a debug-mode enclave (PCR0 all zero), whose console and memory the parent instance can read",
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

        var extra = ExpectedPcrArguments.ParseAssignments("--expect-pcr", assignments, AttestationDocumentKind.NitroEnclave).SingleOrDefault();
        if (files.Length == 0)
        {
            return new EnclavePolicy([extra!], AnyEnclave: false, allowDebug);
        }

        var sets = ExpectedPcrArguments.LoadMeasurementFiles("--measurements", files, out var warnings);
        return new EnclavePolicy([.. sets.Select(set => WithExtra(set, extra))], AnyEnclave: false, allowDebug) { Warnings = warnings };
    }

    // A dashboard runs in an enclave: NitroTPM measurements describe an EC2 instance (the parent, say), never it.
    private static ExpectedPcrSet WithExtra(ExpectedPcrSet set, ExpectedPcrSet? extra)
    {
        if (set.Kind != AttestationDocumentKind.NitroEnclave)
        {
            throw CliException.Usage(
                $"--measurements '{set.Name}' holds NitroTPM measurements (nitro-tpm-pcr-compute), which describe an EC2 instance; "
                + "the dashboard runs in an enclave: give the JSON of 'nitro-cli build-enclave' or 'describe-eif'");
        }

        if (extra is null)
        {
            return set;
        }

        var pcrs = set.Pcrs.ToList();
        foreach (var (index, value) in extra.Pcrs)
        {
            if (set.Pcrs.ContainsKey(index))
            {
                throw CliException.Usage($"--expect-pcr {index}=… and --measurements '{set.Name}' both give PCR{index}: give it once");
            }

            pcrs.Add(new(index, value));
        }

        return new ExpectedPcrSet(set.Name, AttestationDocumentKind.NitroEnclave, pcrs);
    }
}
