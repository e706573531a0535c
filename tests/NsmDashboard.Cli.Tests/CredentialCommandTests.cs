using System.Text.Json;
using NsmDashboard.Credentials;

namespace NsmDashboard.Cli.Tests;

public sealed class CredentialCommandTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void Hash_password_reads_a_redirected_stdin_and_prints_a_hash_that_verifies()
    {
        var result = Cli.RunWithInput(Password + "\n", "hash-password");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Lines);
        Assert.Matches(@"^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", line);
        Assert.True(CredentialHash.TryParsePasswordHash(line, out var hash, out var error), error);
        Assert.True(CredentialHash.VerifyPassword(Password, hash));
        Assert.False(CredentialHash.VerifyPassword(Password + "!", hash));
        Assert.DoesNotContain(Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_hashes_of_one_password_differ_by_their_salt()
    {
        var first = Cli.RunWithInput(Password, "hash-password", "--stdin").Lines.Single();
        var second = Cli.RunWithInput(Password, "hash-password", "--stdin").Lines.Single();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Hash_password_prompts_twice_on_a_terminal_and_refuses_a_mismatch()
    {
        var prompts = new List<string>();
        var answers = new Queue<string>([Password, Password + "x"]);

        var result = RunWithTerminal(prompts, answers, "hash-password");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["Password: ", "Repeat password: "], prompts);
        Assert.Contains("do not match", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Hash_password_on_a_terminal_hashes_the_confirmed_password()
    {
        var result = RunWithTerminal([], new Queue<string>([Password, Password]), "hash-password");

        Assert.Equal(0, result.ExitCode);
        Assert.True(CredentialHash.TryParsePasswordHash(result.Stdout.Trim(), out var hash, out _));
        Assert.True(CredentialHash.VerifyPassword(Password, hash));
    }

    [Theory]
    [InlineData("", "no password")]
    [InlineData("\n", "no password")]
    public void Hash_password_refuses_an_empty_password(string stdin, string message)
    {
        var result = Cli.RunWithInput(stdin, "hash-password");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_password_warns_about_a_short_password_and_refuses_too_few_iterations()
    {
        var shortOne = Cli.RunWithInput("abc\n", "hash-password");
        var weak = Cli.RunWithInput(Password, "hash-password", "--iterations", "1000");

        Assert.Equal(0, shortOne.ExitCode);
        Assert.Contains("12 or more", shortOne.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("--iterations must be 600000", weak.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_token_prints_a_fresh_token_and_the_hash_the_dashboard_checks()
    {
        var first = Cli.Run("new-token");
        var second = Cli.Run("new-token", "--json");

        Assert.Equal(0, first.ExitCode);
        var token = first.Lines[0]["token: ".Length..];
        var hash = first.Lines[1]["hash:  ".Length..];
        Assert.Matches("^nsm_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(CredentialHash.HashToken(token), hash);
        Assert.True(CredentialHash.TryParseTokenHash(hash, out _, out var error), error);

        using var json = JsonDocument.Parse(second.Stdout);
        var other = json.RootElement.GetProperty("token").GetString()!;
        Assert.NotEqual(token, other);
        Assert.Equal(CredentialHash.HashToken(other), json.RootElement.GetProperty("tokenHash").GetString());
    }

    private static CliResult RunWithTerminal(List<string> prompts, Queue<string> answers, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(
            new StringReader(string.Empty), output, error, readSecret: prompt =>
            {
                prompts.Add(prompt);
                return answers.Count > 0 ? answers.Dequeue() : null;
            });
        var code = CliApp.Run(args, console);
        return new CliResult(code, output.ToString(), error.ToString(), []);
    }
}
