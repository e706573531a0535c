using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Nsm;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm verify [FILE|-]</c>: runs every check of the attestation verifier (docs/attestation-verification.md) and prints
/// each in order with its evidence, the document kind (Nitro Enclave or NitroTPM instance), the pinned root and its
/// SHA-256, and the verdict. Exit 0 valid, 1 invalid (the first failing check is printed), 2 usage or unreadable input.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var file = DocumentInput.CreateArgument();
        var at = TimeArgument.CreateValidationTimeOption(
            "--at",
            "Validation time: now (the default), document (the document's own timestamp: was it authentic when issued?) or ISO 8601 (e.g. 2021-10-28T16:00:00Z)");
        var root = new Option<string?>("--root") { Description = "Pin this root certificate (PEM file) instead of AWS's", HelpName = "PEM" };
        var emulatorRoot = new Option<string?>("--emulator-root")
        {
            Description = "Pin the emulator root stored in this directory (the emulator's --ca-dir)",
            HelpName = "DIR",
        };
        var kind = KindArgument.CreateOption();
        var expectPcr = new Option<string[]>("--expect-pcr")
        {
            Description = "Expect PCR N to hold HEX; repeat for several PCRs (they form one expected set). N is a PCR of the document's kind: of nitrotpm_pcrs for a NitroTPM document, of pcrs for an enclave (or of --kind)",
            HelpName = "N=HEX",
        };
        var expectMeasurements = new Option<string[]>("--expect-measurements")
        {
            Description = "Expect the PCRs printed by 'nitro-cli build-enclave'/'describe-eif' (an enclave set) or 'nitro-tpm-pcr-compute' (a NitroTPM set) in FILE; repeat for alternatives",
            HelpName = "FILE",
        };
        var expectNonce = HexArgument.CreateOption("--expect-nonce", "Expect the document's nonce to be exactly these bytes");
        var maxAge = DurationArgument.CreateOption("--max-age", "Reject documents older than this at the validation time (e.g. 5m, 1h, 90s, PT5M)");
        var json = CommonOptions.Json();
        var command = new Command("verify", "Verify an attestation document against a pinned root and explain the verdict")
        {
            file, at, root, emulatorRoot, kind, expectPcr, expectMeasurements, expectNonce, maxAge, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(root) is { Implicit: false } && result.GetResult(emulatorRoot) is { Implicit: false })
            {
                result.AddError("--root and --emulator-root conflict: pin one root");
            }
        });
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "To verify an emulator document, pin its root with --emulator-root DIR.");
            var expectedKind = parseResult.GetValue(kind);
            var measurementSets = ExpectedPcrArguments.LoadMeasurementFiles("--expect-measurements", parseResult.GetValue(expectMeasurements), out var warnings);
            var (input, source) = DocumentInput.Read(context, parseResult.GetValue(file)!);
            var decoded = AttestationDocument.TryDecode(input.Document.Span, out var document, out _) ? document : null;

            // With no root named, the one the document's cabundle[0] is among the roots trusted without asking (AWS's),
            // as the dashboard chooses; the report says which.
            AttestationTrustRootChoice? rootChoice = null;
            var trustRoot = TrustRoots.Load(parseResult.GetValue(root), parseResult.GetValue(emulatorRoot));
            if (parseResult.GetValue(root) is null && parseResult.GetValue(emulatorRoot) is null)
            {
                rootChoice = AttestationTrustRootChoice.For(decoded, [trustRoot]);
            }

            var validation = ValidationTime(parseResult.GetValue(at), decoded);

            // --expect-pcr addresses the PCRs of the kind the operator names, else of the document's own kind (its
            // nitrotpm_pcrs for a NitroTPM document); the check's evidence says which map was compared.
            var pcrKind = expectedKind ?? decoded?.Kind ?? AttestationDocumentKind.NitroEnclave;
            var policy = new AttestationPolicy
            {
                ExpectedKind = expectedKind,
                ExpectedPcrSets = [.. ExpectedPcrArguments.ParseAssignments("--expect-pcr", parseResult.GetValue(expectPcr), pcrKind), .. measurementSets],
                // Spelled out: a null byte[] would convert to an EMPTY memory, i.e. "expect an empty nonce".
                ExpectedNonce = parseResult.GetValue(expectNonce) is { } nonce ? new ReadOnlyMemory<byte>(nonce.Value) : (ReadOnlyMemory<byte>?)null,
                MaxAge = parseResult.GetValue(maxAge),
            };

            var verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = trustRoot, Policy = policy, ChainCache = null });
            var result = verifier.Verify(input.Document, validation.At);
            var view = new VerifyReport(result, source, DocumentInput.FormatName(input.Format), input.Document.Length)
            {
                Warnings = warnings,
                ValidationTime = validation,
                RootChoice = rootChoice,
            };
            if (parseResult.GetValue(json))
            {
                VerifyJson.Write(context.Out, view);
            }
            else
            {
                VerifyText.Write(context.Out, view);
            }

            return result.IsValid ? ExitCode.Success : ExitCode.Failure;
        });
        return command;
    }

    // The same choice as the dashboard's (AttestationValidationTime): now unless a time or the document's own is asked for.
    private static AttestationValidationTime ValidationTime(ValidationTimeRequest? request, AttestationDocument? document)
    {
        if (request?.Time is { } time)
        {
            return AttestationValidationTime.Specified(time);
        }

        if (request is { AtDocumentTime: true })
        {
            return AttestationValidationTime.TryAtDocumentTime(document, out var atDocument)
                ? atDocument
                : throw CliException.Usage("--at document: the document has no readable timestamp; give a time or 'now'");
        }

        return AttestationValidationTime.Now(DateTimeOffset.UtcNow);
    }
}
