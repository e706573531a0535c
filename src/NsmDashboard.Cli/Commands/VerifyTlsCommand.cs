using System.CommandLine;
using System.Globalization;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm verify-tls https://HOST:PORT POLICY</c> (docs/tls-binding.md): proves that a TLS connection ends inside the expected enclave. It
/// opens one connection, keeps the certificate served on it, fetches <c>/api/attestation/tls</c> with a fresh nonce
/// over that same connection, verifies the document (chain to the pinned root, signature, nonce, the policy's PCRs,
/// not debug mode) and checks that it binds that certificate (public_key = its SubjectPublicKeyInfo, user_data =
/// SHA-384 of its DER). Exit 0 when all hold, 1 when any fails, 2 for usage errors (no policy among them) and when no
/// TLS connection can be made.
/// </summary>
internal static class VerifyTlsCommand
{
    private const int MaxNonceBytes = 512;

    public static Command Create(CliContext context)
    {
        var url = DashboardArguments.Url();
        var roots = new DashboardArguments.RootOptions();
        var policy = new EnclavePolicyArguments();
        var nonce = HexArgument.CreateOption("--nonce", "Use this nonce (1-512 bytes) instead of 32 fresh random bytes");
        var at = TimeArgument.CreateOption("--at", "Validation time, ISO 8601 (e.g. 2026-01-01T00:00:00Z); default: now");
        var timeout = DashboardArguments.Timeout();
        var json = CommonOptions.Json();
        var command = new Command(
            "verify-tls",
            "Check that an HTTPS dashboard is the expected enclave: its certificate is bound by a fresh attestation document whose PCRs meet the policy")
        {
            url, nonce, at, timeout, json,
        };
        roots.AddTo(command);
        policy.AddTo(command);
        command.SetHandler(parseResult =>
        {
            context.RejectModuleOptions(parseResult, "To check a dashboard on the emulator, pin its root with --emulator-root DIR or --root PEM.");
            var server = DashboardArguments.ParseServer(parseResult.GetValue(url)!, "verify-tls");
            var enclavePolicy = policy.Parse(parseResult, "verify-tls");
            var trustRoot = roots.Load(parseResult);
            var given = parseResult.GetValue(nonce)?.Value;
            if (given is { Length: 0 or > MaxNonceBytes })
            {
                throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--nonce must be 1 to {MaxNonceBytes} bytes (got {given.Length})"));
            }

            var attestor = new DashboardAttestor(trustRoot, enclavePolicy, DashboardArguments.TimeoutOf(parseResult, timeout));
            using var report = attestor.AttestAsync(server, given, parseResult.GetValue(at), CancellationToken.None).GetAwaiter().GetResult();
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
}
