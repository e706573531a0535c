using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm verify-tls https://HOST:PORT</c> (docs/tls-binding.md): proves that a TLS connection ends inside the attested
/// enclave. It opens one connection, keeps the certificate served on it, fetches <c>/api/attestation/tls</c> with a
/// fresh nonce over that same connection, verifies the document (chain to the pinned root, signature, nonce) and
/// checks that it binds that certificate (public_key = its SubjectPublicKeyInfo, user_data = SHA-384 of its DER).
/// Exit 0 when all hold, 1 when any fails, 2 for usage errors and when no TLS connection can be made.
/// </summary>
internal static class VerifyTlsCommand
{
    private const int NonceBytes = 32;
    private const int MaxNonceBytes = 512;

    public static Command Create(CliContext context)
    {
        var url = new Argument<string>("URL") { Description = "The dashboard's HTTPS address, e.g. https://127.0.0.1:5001" };
        var root = new Option<string?>("--root") { Description = "Pin this root certificate (PEM file) instead of AWS's", HelpName = "PEM" };
        var emulatorRoot = new Option<string?>("--emulator-root")
        {
            Description = "Pin the emulator root stored in this directory (the dashboard's Nsm:Emulator:CertificateAuthorityDirectory)",
            HelpName = "DIR",
        };
        var nonce = HexArgument.CreateOption("--nonce", "Use this nonce (1-512 bytes) instead of 32 fresh random bytes");
        var at = TimeArgument.CreateOption("--at", "Validation time, ISO 8601 (e.g. 2026-01-01T00:00:00Z); default: now");
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the connection and the answer",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 30,
        };
        var json = CommonOptions.Json();
        var command = new Command("verify-tls", "Check that an HTTPS dashboard is the attested enclave: its certificate is bound by a fresh attestation document")
        {
            url, root, emulatorRoot, nonce, at, timeout, json,
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
            context.RejectModuleOptions(parseResult, "To check a dashboard on the emulator, pin its root with --emulator-root DIR or --root PEM.");
            var server = ParseServer(parseResult.GetValue(url)!);
            var trustRoot = TrustRoots.Load(parseResult.GetValue(root), parseResult.GetValue(emulatorRoot));
            var given = parseResult.GetValue(nonce)?.Value;
            if (given is { Length: 0 or > MaxNonceBytes })
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--nonce must be 1 to {MaxNonceBytes} bytes (got {given.Length})"));
            }

            var seconds = parseResult.GetValue(timeout);
            if (seconds is < 1 or > 3600)
            {
                throw CliException.Usage("--timeout must be from 1 to 3600 seconds");
            }

            var nonceBytes = given ?? RandomNumberGenerator.GetBytes(NonceBytes);
            using var exchange = TlsAttestationExchange
                .FetchAsync(server, nonceBytes, TimeSpan.FromSeconds(seconds), CancellationToken.None)
                .GetAwaiter().GetResult();

            var verifier = new AttestationVerifier(new AttestationVerifierOptions
            {
                TrustRoot = trustRoot,
                Policy = new AttestationPolicy { ExpectedNonce = nonceBytes },
                ChainCache = null,
            });
            var result = verifier.Verify(exchange.Document, parseResult.GetValue(at));
            var binding = TlsBindingCheck.Evaluate(
                result.Document, exchange.Certificate.RawDataMemory.Span, exchange.Certificate.PublicKey.ExportSubjectPublicKeyInfo());
            var report = new VerifyTlsReport(exchange, nonceBytes, given is not null, result, binding);
            if (parseResult.GetValue(json))
            {
                VerifyTlsJson.Write(context.Out, report);
            }
            else
            {
                VerifyTlsText.Write(context.Out, report);
            }

            return report.Verified ? ExitCode.Success : ExitCode.Failure;
        });
        return command;
    }

    /// <exception cref="CliException">Not an absolute https URL with a host (exit 2).</exception>
    private static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw CliException.Usage($"'{text}' is not a URL: give the dashboard's address, e.g. https://127.0.0.1:5001");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw CliException.Usage($"'{text}' is not https: verify-tls checks the certificate a TLS connection serves; plain HTTP has none");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw CliException.Usage($"'{text}' has a query or fragment: give the dashboard's base address only");
        }

        return uri;
    }
}
