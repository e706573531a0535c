using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;

namespace NsmDashboard.Cli.Parsing;

/// <summary>The arguments <c>verify-tls</c> and <c>connect</c> share: the dashboard's address, the pinned root, the timeout.</summary>
internal static class DashboardArguments
{
    /// <summary>The dashboard's address.</summary>
    public static Argument<string> Url() => new("URL") { Description = "The dashboard's HTTPS address, e.g. https://127.0.0.1:8443" };

    /// <summary><c>--timeout SECONDS</c>, default 30.</summary>
    public static Option<int> Timeout() => new("--timeout")
    {
        Description = "Seconds to wait for a connection and an answer",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 30,
    };

    /// <exception cref="CliException">The timeout is outside 1–3600 seconds (exit 2).</exception>
    public static TimeSpan TimeoutOf(ParseResult parseResult, Option<int> timeout)
    {
        var seconds = parseResult.GetValue(timeout);
        return seconds is < 1 or > 3600
            ? throw CliException.Usage("--timeout must be from 1 to 3600 seconds")
            : TimeSpan.FromSeconds(seconds);
    }

    /// <exception cref="CliException">Not an absolute https URL with a host (exit 2).</exception>
    public static Uri ParseServer(string text, string command)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw CliException.Usage($"'{text}' is not a URL: give the dashboard's address, e.g. https://127.0.0.1:8443");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw CliException.Usage($"'{text}' is not https: {command} checks the certificate a TLS connection serves; plain HTTP has none");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw CliException.Usage($"'{text}' has a query or fragment: give the dashboard's base address only");
        }

        return uri;
    }

    /// <summary><c>--root PEM</c> and <c>--emulator-root DIR</c>: the root to pin instead of AWS's.</summary>
    public sealed class RootOptions
    {
        public Option<string?> Root { get; } = new("--root") { Description = "Pin this root certificate (PEM file) instead of AWS's", HelpName = "PEM" };

        public Option<string?> EmulatorRoot { get; } = new("--emulator-root")
        {
            Description = "Pin the emulator root stored in this directory (the dashboard's Nsm:Emulator:CertificateAuthorityDirectory)",
            HelpName = "DIR",
        };

        /// <summary>Adds both options and the rule that they conflict.</summary>
        public void AddTo(Command command)
        {
            ArgumentNullException.ThrowIfNull(command);
            command.Options.Add(Root);
            command.Options.Add(EmulatorRoot);
            command.Validators.Add(result =>
            {
                if (result.GetResult(Root) is { Implicit: false } && result.GetResult(EmulatorRoot) is { Implicit: false })
                {
                    result.AddError("--root and --emulator-root conflict: pin one root");
                }
            });
        }

        /// <exception cref="CliException">The root cannot be read (exit 2).</exception>
        public AttestationTrustRoot Load(ParseResult parseResult) =>
            TrustRoots.Load(parseResult.GetValue(Root), parseResult.GetValue(EmulatorRoot));
    }
}
