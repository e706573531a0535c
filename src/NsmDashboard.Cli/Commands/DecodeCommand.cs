using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm decode [FILE|-]</c>: every field of an attestation document (nsm-protocol.md §4.1–§4.3), the COSE
/// envelope, the PCRs and each certificate's subject, validity and SHA-256, with optional fields telling
/// absent, null and empty apart. Decoding proves nothing about authenticity: that is <c>nsm verify</c>.
/// Exit 0 decoded, 1 not a well-formed document (the error names the place), 2 usage or unreadable input.
/// </summary>
internal static class DecodeCommand
{
    public static Command Create(CliContext context)
    {
        var file = DocumentInput.CreateArgument();
        var json = CommonOptions.Json();
        var command = new Command("decode", "Decode an attestation document and print every field") { file, json };
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "Decoding reads a document; to get one, run 'nsm attest'.");
            var (input, source) = DocumentInput.Read(context, parseResult.GetValue(file)!);
            if (!AttestationDocument.TryDecode(input.Document.Span, out var document, out var error))
            {
                throw new CliException(ExitCode.Failure, $"{source}: not a well-formed attestation document: {error.Message}", error);
            }

            var view = new DecodedDocument(document, input.Format, source);
            if (parseResult.GetValue(json))
            {
                DecodeJson.Write(context.Out, view);
            }
            else
            {
                DecodeText.Write(context.Out, view);
            }

            return ExitCode.Success;
        });
        return command;
    }
}
