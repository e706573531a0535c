using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm attest</c>: asks for an attestation document (docs/nsm-messages.md#requests, docs/attestation-document.md). Without <c>--out</c> the
/// document itself goes to standard output (base64 by default, raw CBOR with <c>--format cbor</c>); with
/// <c>--out</c> it goes to the file and a summary is printed. <c>--json</c> prints the summary as JSON
/// (with the document as base64 when there is no <c>--out</c>).
/// </summary>
internal static class AttestCommand
{
    private const string Cbor = "cbor";
    private const string Base64 = "base64";

    public static Command Create(CliContext context)
    {
        var nonce = HexArgument.CreateOption("--nonce", "The nonce to bind into the document");
        var userData = HexArgument.CreateOption("--user-data", "Application data to bind into the document");
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "A public key to bind into the document: a PEM file (its DER is sent) or raw bytes",
            HelpName = "FILE",
        };
        var output = new Option<string?>("--out") { Description = "Write the document to this file", HelpName = "FILE" };
        var format = new Option<string?>("--format")
        {
            Description = "How the document is written: cbor (raw bytes) or base64; default cbor with --out, base64 on standard output",
        };
        format.AcceptOnlyFromAmong(Cbor, Base64);
        var json = CommonOptions.Json();
        var command = new Command("attest", "Attestation: get a signed attestation document") { nonce, userData, publicKey, output, format, json };
        command.SetHandler(parseResult =>
        {
            var request = new AttestationRequest(
                Optional(parseResult.GetValue(userData)?.Value),
                Optional(parseResult.GetValue(nonce)?.Value),
                Optional(parseResult.GetValue(publicKey) is { } path ? PublicKeyFile.Read(path) : null));
            var outPath = parseResult.GetValue(output);
            var asJson = parseResult.GetValue(json);
            var chosen = parseResult.GetValue(format) ?? (outPath is null ? Base64 : Cbor);
            if (asJson && outPath is null && chosen == Cbor)
            {
                throw CliException.Usage("--json and --format cbor conflict on standard output; add --out FILE for the raw document");
            }

            using var session = context.OpenSession(parseResult);
            var document = session.Call<AttestationResponse>(request).Document;
            var summary = new Summary(document, chosen, outPath, session);
            if (outPath is not null)
            {
                InputFiles.WriteAllBytes(outPath, Encode(document.Span, chosen), "--out");
            }

            if (asJson)
            {
                WriteJson(context.Out, summary);
            }
            else if (outPath is not null)
            {
                WriteText(context.Out, summary);
            }
            else if (chosen == Cbor)
            {
                context.Console.WriteStandardOutput(document.Span);
            }
            else
            {
                context.Out.WriteLine(Convert.ToBase64String(document.Span));
            }

            return ExitCode.Success;
        });
        return context.Options.AddTo(command);
    }

    // (byte[]?)null must become a null optional, not an empty byte string (an empty one is sent as 0x40).
    private static ReadOnlyMemory<byte>? Optional(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;

    private static byte[] Encode(ReadOnlySpan<byte> document, string format) =>
        format == Cbor ? document.ToArray() : System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(document) + "\n");

    private static void WriteText(TextWriter output, Summary s)
    {
        const int width = 10;
        TextFormat.Field(output, "document", string.Create(CultureInfo.InvariantCulture, $"{s.OutPath} ({s.Format}, {s.Document.Length} bytes)"), width);
        TextFormat.Field(output, "sha256", s.Sha256, width);
        if (s.Decoded is { } d)
        {
            TextFormat.Field(output, "module_id", d.ModuleId ?? "(none)", width);
            TextFormat.Field(output, "timestamp", d.Timestamp is { } t ? TextFormat.Time(t) : "(none)", width);
            TextFormat.Field(output, "pcrs", d.Pcrs is { } pcrs ? TextFormat.Ranges(pcrs.Keys) : "(none)", width);
            TextFormat.Field(output, "public_key", DocumentText.Optional(d.PublicKey), width);
            TextFormat.Field(output, "user_data", DocumentText.Optional(d.UserData), width);
            TextFormat.Field(output, "nonce", DocumentText.Optional(d.Nonce), width);
        }
        else
        {
            TextFormat.Field(output, "decode", $"failed: {s.DecodeError}", width);
        }

        TextFormat.Field(output, "transport", s.TransportText, width);
    }

    private static void WriteJson(TextWriter output, Summary s) =>
        JsonOutput.Write(output, writer =>
        {
            writer.WriteStartObject();
            if (s.OutPath is null)
            {
                writer.WriteString("document", Convert.ToBase64String(s.Document.Span));
            }
            else
            {
                writer.WriteString("out", s.OutPath);
                writer.WriteString("format", s.Format);
            }

            writer.WriteNumber("length", s.Document.Length);
            writer.WriteString("sha256", s.Sha256);
            if (s.Decoded is { } d)
            {
                WriteNullableString(writer, "module_id", d.ModuleId);
                if (d.Timestamp is { } t)
                {
                    writer.WriteTime("timestamp", t);
                }
                else
                {
                    writer.WriteNull("timestamp");
                }

                writer.WriteNumbers("pcrs", d.Pcrs?.Keys ?? []);
                DocumentJson.WriteOptional(writer, "public_key", d.PublicKey);
                DocumentJson.WriteOptional(writer, "user_data", d.UserData);
                DocumentJson.WriteOptional(writer, "nonce", d.Nonce);
            }
            else
            {
                writer.WriteString("decode_error", s.DecodeError);
            }

            writer.WriteString("transport", s.TransportKind);
            writer.WriteEndObject();
        });

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private sealed class Summary
    {
        public Summary(ReadOnlyMemory<byte> document, string format, string? outPath, NsmSession session)
        {
            Document = document;
            Format = format;
            OutPath = outPath;
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(document.Span));
            TransportKind = CommonOptions.TransportKind(session);
            TransportText = CommonOptions.TransportText(session)
                + (session.IsEmulator ? " — signed by the emulator's own root, not AWS" : string.Empty);

            // The summary reads the fields back from the document; a module that answered something
            // undecodable still gets its bytes written, and the summary says why it has no fields.
            if (AttestationDocument.TryDecode(document.Span, out var decoded, out var error))
            {
                Decoded = decoded;
            }
            else
            {
                DecodeError = error.Message;
            }
        }

        public ReadOnlyMemory<byte> Document { get; }

        public string Format { get; }

        public string? OutPath { get; }

        public string Sha256 { get; }

        public string TransportKind { get; }

        public string TransportText { get; }

        public AttestationDocument? Decoded { get; }

        public string? DecodeError { get; }
    }
}
