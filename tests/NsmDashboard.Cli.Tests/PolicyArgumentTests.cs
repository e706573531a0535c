using System.Text;

namespace NsmDashboard.Cli.Tests;

/// <summary>
/// The policy options of <c>verify-tls</c> and <c>connect</c> and their exit codes, before any connection is made:
/// no policy, conflicting options, bad files and values are all usage errors (exit 2) that say what to do.
/// </summary>
public sealed class PolicyArgumentTests : IDisposable
{
    // A port nothing listens on: a policy error must be reported before the connection is tried.
    private const string Unreachable = "https://127.0.0.1:1";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("verify-tls")]
    [InlineData("connect")]
    public void Without_a_policy_the_command_exits_2_and_names_the_options(string command)
    {
        var result = Cli.Run(command, Unreachable);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"nsm: {command} needs to know which enclave you expect: an attestation only proves that SOME enclave holds the key, and the parent instance can run one of its own. "
            + "Give --measurements FILE (the JSON 'nitro-cli build-enclave' or 'describe-eif' printed for your image), --expect-pcr N=HEX, or --any-enclave to accept whatever image the enclave runs.\n",
            result.Stderr);
    }

    [Theory]
    [InlineData("verify-tls")]
    [InlineData("connect")]
    public void Any_enclave_conflicts_with_expected_PCRs(string command)
    {
        var result = Cli.Run(command, Unreachable, "--any-enclave", "--expect-pcr", "0=" + new string('a', 96));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--any-enclave conflicts with --measurements and --expect-pcr", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0=xyz", "the value is not hex")]
    [InlineData("32=" + "aa", "outside 0–31")]
    [InlineData("zero=aa", "is not a PCR index")]
    [InlineData("0=aabb", "PCR0 is 2 bytes")]
    public void A_bad_expect_pcr_is_exit_2(string assignment, string message)
    {
        var result = Cli.Run("verify-tls", Unreachable, "--expect-pcr", assignment);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("nsm: --expect-pcr:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_malformed_measurements_file_is_exit_2()
    {
        var missing = Cli.Run("verify-tls", Unreachable, "--measurements", _directory.File("missing.json"));
        var malformed = Cli.Run("verify-tls", Unreachable, "--measurements", _directory.Write("bad.json", """{"Measurements":{"PCR0":"00"}}"""));

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith($"nsm: --measurements", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains(_directory.File("missing.json"), missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.StartsWith($"nsm: --measurements {_directory.File("bad.json")}: ", malformed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NitroTPM_measurements_are_refused_a_dashboard_runs_in_an_enclave()
    {
        var file = _directory.Write("tpm.json", $$$"""{"Measurements":{"HashAlgorithm":"SHA384","PCR4":"{{{new string('a', 96)}}}","PCR7":"{{{new string('b', 96)}}}"}}""");

        var result = Cli.Run("verify-tls", Unreachable, "--measurements", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("holds NitroTPM measurements", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_pcr_may_not_repeat_a_PCR_of_a_measurements_file()
    {
        var file = _directory.Write("release.json", Measurements());

        var result = Cli.Run("verify-tls", Unreachable, "--measurements", file, "--expect-pcr", "1=" + new string('b', 96));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--expect-pcr 1=… and --measurements '{file}' both give PCR1: give it once", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0:8080")]
    [InlineData("192.0.2.1:8080")]
    [InlineData("[::]:8080")]
    public void Connect_refuses_a_non_loopback_listen_address_and_says_why(string listen)
    {
        var result = Cli.Run("connect", Unreachable, "--any-enclave", "--listen", listen);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"nsm: --listen {listen} is not a loopback address. The tunnel serves the dashboard in plain HTTP", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-non-loopback", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("localhost:9000", "127.0.0.1:9000")]
    [InlineData("[::1]:8080", "[::1]:8080")]
    [InlineData(" 127.0.0.2:0 ", "127.0.0.2:0")]
    public void Connect_takes_loopback_listen_addresses(string listen, string expected)
    {
        Assert.Equal(expected, Commands.ConnectCommand.ParseListen(listen, allowNonLoopback: false).ToString());
    }

    [Fact]
    public void Allow_non_loopback_lets_a_non_loopback_address_through()
    {
        Assert.Equal("0.0.0.0:8080", Commands.ConnectCommand.ParseListen("0.0.0.0:8080", allowNonLoopback: true).ToString());
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("host.example:8080")]
    [InlineData("::1:8080")]
    public void A_listen_address_that_is_not_IP_and_port_is_exit_2(string listen)
    {
        var result = Cli.Run("connect", Unreachable, "--any-enclave", "--listen", listen);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"nsm: --listen '{listen}' is not an address to listen on", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connect", "http://127.0.0.1:5000", "is not https: connect checks")]
    [InlineData("verify-tls", "http://127.0.0.1:5000", "is not https: verify-tls checks")]
    [InlineData("connect", "https://127.0.0.1:5001/?x=1", "has a query or fragment")]
    public void The_dashboard_address_must_be_an_https_base_address(string command, string url, string message)
    {
        var result = Cli.Run(command, url, "--any-enclave");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_cannot_reach_the_dashboard_is_exit_2()
    {
        var result = Cli.Run("connect", Unreachable, "--any-enclave", "--listen", "127.0.0.1:0", "--timeout", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("nsm: 127.0.0.1:1: cannot open a TLS connection:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_rejects_module_options()
    {
        var result = Cli.Run("--emulator", "connect", Unreachable, "--any-enclave");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pin its root with --emulator-root DIR", result.Stderr, StringComparison.Ordinal);
    }

    private static string Measurements() =>
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{new string('a', 96)}}}","PCR1":"{{{new string('b', 96)}}}","PCR2":"{{{new string('c', 96)}}}"}}""";
}
