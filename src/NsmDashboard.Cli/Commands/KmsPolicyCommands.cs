using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output.Kms;
using NsmDashboard.Kms;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm kms-policy generate|check</c>: the KMS key-policy helper. <c>generate</c> prints the <c>Condition</c> block
/// that pins chosen PCRs of a document, of a measurement tool's output, of explicit values or of the live module, with
/// ready-to-paste statements. <c>check</c> reads a key policy against a document offline: exit 0 when the attestation
/// gate would let the document through and no mistake is flagged, 1 otherwise, 2 for usage errors and unreadable or
/// invalid input (a policy that is not JSON, a document that does not decode).
/// </summary>
internal static class KmsPolicyCommands
{
    public static Command Create(CliContext context) =>
        new("kms-policy", "Generate and check AWS KMS key-policy conditions on attestation (kms:RecipientAttestation:*)")
        {
            Generate(context),
            Check(context),
        };

    private static Command Generate(CliContext context)
    {
        var document = new Option<string?>("--document") { Description = "Take the PCRs from this attestation document (CBOR, base64 or hex; '-' for standard input)", HelpName = "FILE" };
        var measurements = new Option<string?>("--measurements")
        {
            Description = "Take the PCRs from this JSON of 'nitro-cli build-enclave'/'describe-eif' (enclave) or 'nitro-tpm-pcr-compute' (NitroTPM)",
            HelpName = "FILE",
        };
        var pcr = new Option<string[]>("--pcr") { Description = "Use this value for PCR N; repeat for several", HelpName = "N=HEX" };
        var nitroTpm = new Option<bool>("--nitrotpm") { Description = "The --pcr values are NitroTPM PCRs (kms:RecipientAttestation:NitroTPMPCR<n>)" };
        var live = new Option<bool>("--live") { Description = "Take the PCRs from a fresh attestation document of the module (--device or --emulator)" };
        var pcrs = new Option<string?>("--pcrs")
        {
            Description = "The PCRs to pin, e.g. 0,1,2 (default: every PCR given; from a document, enclave 0,1,2 and 8 when signed, NitroTPM 4,12)",
            HelpName = "N,N,…",
        };
        var principal = new Option<string?>("--principal") { Description = "The parent instance's role ARN for the ready-to-paste statement", HelpName = "ARN" };
        var allowDebug = new Option<bool>("--allow-debug-zeros") { Description = "Pin all-zero PCR0/1/2 of a debug-mode enclave anyway (admits every debug-mode enclave)" };
        var json = CommonOptions.Json();
        var command = new Command("generate", "Print the Condition block and statements that pin chosen PCRs")
        {
            document, measurements, pcr, nitroTpm, live, pcrs, principal, allowDebug, json,
        };
        command.SetHandler(parseResult =>
        {
            var given = new[] { parseResult.GetValue(document) is not null, parseResult.GetValue(measurements) is not null, parseResult.GetValue(pcr) is { Length: > 0 }, parseResult.GetValue(live) }
                .Count(g => g);
            if (given != 1)
            {
                throw CliException.Usage("Give exactly one source: --document FILE, --measurements FILE, --pcr N=HEX (repeatable) or --live.");
            }

            if (parseResult.GetValue(nitroTpm) && parseResult.GetValue(pcr) is not { Length: > 0 })
            {
                throw CliException.Usage("--nitrotpm says what --pcr values are; a document or a measurements file names its own kind.");
            }

            if (!parseResult.GetValue(live))
            {
                context.RejectModuleOptions(parseResult, "Only --live reads the module.");
            }

            var evidence = parseResult.GetValue(live)
                ? LiveEvidence(context, parseResult)
                : parseResult.GetValue(document) is { } documentPath
                    ? KmsPolicyInput.DocumentEvidence(context, documentPath)
                    : parseResult.GetValue(measurements) is { } measurementsPath
                        ? KmsPolicyInput.MeasurementsEvidence(measurementsPath)
                        : KmsPolicyInput.ExplicitEvidence(parseResult.GetValue(pcr)!, parseResult.GetValue(nitroTpm) ? AttestationDocumentKind.NitroTpm : AttestationDocumentKind.NitroEnclave);
            var options = new KmsPolicyGenerationOptions
            {
                Pcrs = KmsPolicyInput.PcrList(parseResult.GetValue(pcrs)),
                Principal = parseResult.GetValue(principal) ?? KmsPolicyGenerationOptions.PrincipalPlaceholder,
                AllowDebugModeZeros = parseResult.GetValue(allowDebug),
            };
            KmsPolicyGeneration generation;
            try
            {
                generation = KmsPolicyGenerator.Generate(evidence, options);
            }
            catch (KmsPolicyGenerationException e)
            {
                throw CliException.Usage(e.Message, e);
            }

            if (parseResult.GetValue(json))
            {
                KmsGenerateJson.Write(context.Out, generation);
            }
            else
            {
                KmsGenerateText.Write(context.Out, generation);
            }

            return ExitCode.Success;
        });
        return command;
    }

    private static Command Check(CliContext context)
    {
        var policy = new Option<string>("--policy") { Description = "The key policy (or IAM policy) JSON; '-' for standard input", HelpName = "FILE", Required = true };
        var document = new Option<string>("--document") { Description = "The attestation document (CBOR, base64 or hex); '-' for standard input", HelpName = "FILE", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("check", "Read a key policy against an attestation document: which conditions hold, known mistakes, what KMS would be expected to do")
        {
            policy, document, json,
        };
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "The check reads a policy and a document; to get a document, run 'nsm attest'.");
            var (policyPath, documentPath) = (parseResult.GetValue(policy)!, parseResult.GetValue(document)!);
            if (policyPath == DocumentInput.StandardInput && documentPath == DocumentInput.StandardInput)
            {
                throw CliException.Usage("Only one of --policy and --document can read standard input.");
            }

            var evidence = KmsPolicyInput.DocumentEvidence(context, documentPath);
            var parsed = KmsPolicyInput.Policy(context, policyPath);
            var check = KeyPolicyChecker.Check(parsed, evidence);
            if (parseResult.GetValue(json))
            {
                KmsCheckJson.Write(context.Out, check);
            }
            else
            {
                KmsCheckText.Write(context.Out, check);
            }

            return check.Passed ? ExitCode.Success : ExitCode.Failure;
        });
        return command;
    }

    private static AttestationEvidence LiveEvidence(CliContext context, ParseResult parseResult)
    {
        using var session = context.OpenSession(parseResult);
        var bytes = session.Call<AttestationResponse>(new AttestationRequest()).Document;
        var document = AttestationDocument.TryDecode(bytes.Span, out var decoded, out var error)
            ? decoded
            : throw new CliException(ExitCode.Failure, $"the module's document does not decode: {error.Message}", error);
        return KmsPolicyInput.Evidence(document, session.IsEmulator ? "the emulator's document" : "the module's document");
    }
}
