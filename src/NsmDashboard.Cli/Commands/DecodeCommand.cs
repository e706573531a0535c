using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm decode [FILE|-]</c>: every field of an attestation document (docs/attestation-document.md), its kind (Nitro
/// Enclave or NitroTPM instance), the COSE envelope, the PCRs and each certificate's subject, validity and SHA-256,
/// with optional fields telling absent, null and empty apart; with <c>--raw</c> (and always in <c>--json</c>) the raw
/// structure. Decoding proves nothing about authenticity: that is <c>nsm verify</c>.
/// Exit 0 decoded, 1 not a well-formed document (the error names the place), 2 usage or unreadable input.
/// </summary>
internal static class DecodeCommand
{
    public static Command Create(CliContext context)
    {
        var file = DocumentInput.CreateArgument();
        var json = CommonOptions.Json();
        var raw = new Option<bool>("--raw")
        {
            Description = "Also print the raw structure: tag, definite or indefinite items, key order, each field's CBOR type, length and offset, r‖s and its S form, the cabundle order and its root (always in --json)",
        };
        var root = new Option<string?>("--root") { Description = "Also recognise this root certificate (PEM file) in the cabundle, beside AWS's", HelpName = "PEM" };
        var emulatorRoot = new Option<string?>("--emulator-root") { Description = "Also recognise the emulator root stored in this directory", HelpName = "DIR" };
        var command = new Command("decode", "Decode an attestation document and print every field") { file, json, raw, root, emulatorRoot };
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "Decoding reads a document; to get one, run 'nsm attest'.");
            var roots = RecognisedRoots(parseResult.GetValue(root), parseResult.GetValue(emulatorRoot));
            var (input, source) = DocumentInput.Read(context, parseResult.GetValue(file)!);
            if (!AttestationDocument.TryDecode(input.Document.Span, out var document, out var error))
            {
                throw new CliException(ExitCode.Failure, $"{source}: not a well-formed attestation document: {error.Message}", error);
            }

            var view = new DecodedDocument(document, input.Format, source, roots);
            if (parseResult.GetValue(json))
            {
                DecodeJson.Write(context.Out, view);
            }
            else
            {
                DecodeText.Write(context.Out, view);
                if (parseResult.GetValue(raw))
                {
                    StructureText.Write(context.Out, view.Structure);
                }
            }

            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The roots whose bytes the structure view recognises in the cabundle: AWS's, and one more if given.</summary>
    private static AttestationTrustRoot[] RecognisedRoots(string? pemFile, string? emulatorDirectory) =>
        pemFile is null && emulatorDirectory is null
            ? [AttestationTrustRoot.Aws]
            : [AttestationTrustRoot.Aws, TrustRoots.Load(pemFile, emulatorDirectory)];
}
