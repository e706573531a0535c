using System.CommandLine;
using System.Globalization;
using NsmDashboard.Cli.Infrastructure;
using NsmDashboard.Cli.Output;
using NsmDashboard.Credentials;

namespace NsmDashboard.Cli.Commands;

/// <summary>
/// <c>nsm hash-password</c> and <c>nsm new-token</c>: the secrets of the dashboard's <c>Auth</c> section, produced
/// here so that only their hashes ever go into configuration.
/// </summary>
internal static class CredentialCommands
{
    /// <summary>Passwords shorter than this get a warning (PBKDF2 slows guessing; it cannot make a short password long).</summary>
    private const int RecommendedPasswordLength = 12;

    public static Command HashPassword(CliContext context)
    {
        var stdin = new Option<bool>("--stdin")
        {
            Description = "Read the password from the first line of standard input (also the default when standard input is not a terminal)",
        };
        var iterations = new Option<int>("--iterations")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"PBKDF2 iterations (at least {CredentialHash.MinPasswordIterations})"),
            DefaultValueFactory = _ => CredentialHash.MinPasswordIterations,
        };
        var command = new Command("hash-password", "Hash a password for the dashboard's Auth:Users (PBKDF2-HMAC-SHA256, random salt)") { stdin, iterations };
        command.SetHandler(parseResult =>
        {
            var count = parseResult.GetValue(iterations);
            if (count < CredentialHash.MinPasswordIterations || count > CredentialHash.MaxPasswordIterations)
            {
                throw CliException.Usage(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--iterations must be {CredentialHash.MinPasswordIterations} to {CredentialHash.MaxPasswordIterations}"));
            }

            var password = parseResult.GetValue(stdin) || !context.Console.CanPrompt ? ReadFromInput(context) : Prompt(context);
            if (password.Length < RecommendedPasswordLength)
            {
                context.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"nsm: warning: the password has {password.Length} characters; {RecommendedPasswordLength} or more are recommended"));
            }

            context.Out.WriteLine(CredentialHash.HashPassword(password, count));
            return ExitCode.Success;
        });
        return command;
    }

    public static Command NewToken(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("new-token", "Make a random API token for the dashboard's Auth:ApiTokens; prints the token (for the client) and its hash (for the configuration)") { json };
        command.SetHandler(parseResult =>
        {
            var token = CredentialHash.NewToken();
            var hash = CredentialHash.HashToken(token);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(context.Out, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("token", token);
                    writer.WriteString("tokenHash", hash);
                    writer.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"token: {token}");
                context.Out.WriteLine($"hash:  {hash}");
                context.Error.WriteLine("nsm: give the token to the client (Authorization: Bearer <token>) and put only the hash in Auth:ApiTokens:N:TokenHash.");
            }

            return ExitCode.Success;
        });
        return command;
    }

    // The first line, without its line ending; the rest of the input is ignored.
    private static string ReadFromInput(CliContext context)
    {
        var line = context.Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw CliException.Usage("no password on standard input");
        }

        return line;
    }

    private static string Prompt(CliContext context)
    {
        var first = context.Console.ReadSecret("Password: ");
        if (string.IsNullOrEmpty(first))
        {
            throw CliException.Usage("no password given");
        }

        var second = context.Console.ReadSecret("Repeat password: ");
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            throw CliException.Usage("the passwords do not match");
        }

        return first;
    }
}
