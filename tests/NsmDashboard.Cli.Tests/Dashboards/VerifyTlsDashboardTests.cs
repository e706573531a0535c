using System.Security.Cryptography;
using System.Text.Json;

using NsmDashboard.TestSupport;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary>
/// <c>nsm verify-tls</c> in process against real dashboards on the emulator: the release image passes the release
/// policy (over HTTP/2, which the dashboard picks by ALPN), a debug-mode enclave and another image do not, a policy
/// is required, and a TLS-terminating man in the middle is caught by the binding.
/// </summary>
[Collection(RealDashboards.Name)]
public sealed class VerifyTlsDashboardTests(DashboardFixture dashboards)
{
    [Fact]
    public async Task The_release_dashboard_passes_the_release_policy_over_HTTP_2()
    {
        using var served = await dashboards.Release.ServedCertificateAsync();

        var result = await VerifyTlsAsync(dashboards.Release.Https, "--measurements", dashboards.ReleaseMeasurements);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^server        https://127\.0\.0\.1:\d+ \(Tls1[23], \w+, HTTP/2\)$", Line(result, "server "));
        Assert.Equal($"cert sha256   {Colon(SHA256.HashData(served.RawData))}", Line(result, "cert sha256"));
        Assert.Equal($"cert sha384   {Convert.ToHexStringLower(SHA384.HashData(served.RawData))}", Line(result, "cert sha384"));
        Assert.Matches("^cert age      [0-9]+ min [0-9]+ s$", Line(result, "cert age"));
        Assert.Contains("  ✓ Not a debug-mode enclave: PCR0, PCR1 and PCR2 are not all zero", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  ✓ Expected PCR values: The PCRs match the expected set '{dashboards.ReleaseMeasurements}' (PCR0, PCR1, PCR2).", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✓ public_key is the served certificate's key:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✓ user_data is SHA-384 of the served certificate:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"verdict       VERIFIED: this TLS connection ends in the enclave under the emulator root", result.Lines[^1], StringComparison.Ordinal);
        Assert.Contains($"running the image of {dashboards.ReleaseMeasurements}", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_comes_over_the_one_connection_whose_certificate_is_checked()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);

        var result = await VerifyTlsAsync(relay.Address, "--measurements", dashboards.ReleaseMeasurements);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, relay.Connections);
    }

    [Fact]
    public async Task A_debug_mode_dashboard_fails_the_release_policy_on_debug_mode_first()
    {
        var result = await VerifyTlsAsync(dashboards.Debug.Https, "--measurements", dashboards.ReleaseMeasurements);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("  ✗ Not a debug-mode enclave: PCR0, PCR1 and PCR2 are all zero", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ Expected PCR values:", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict       NOT VERIFIED: not the expected enclave (DebugMode): Not a debug-mode enclave:", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_debug_mode_dashboard_fails_any_enclave_unless_debug_is_allowed()
    {
        var refused = await VerifyTlsAsync(dashboards.Debug.Https, "--any-enclave");
        var allowed = await VerifyTlsAsync(dashboards.Debug.Https, "--any-enclave", "--allow-debug");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("verdict       NOT VERIFIED: not the expected enclave (DebugMode)", refused.Lines[^1], StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("  – Not a debug-mode enclave (not applicable): The policy allows debug-mode enclaves; this one is one", allowed.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning       --allow-debug: the enclave runs in debug mode", allowed.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning       --any-enclave: the PCRs were not checked", allowed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_image_fails_the_release_policy_and_passes_when_its_measurements_are_also_allowed()
    {
        var refused = await VerifyTlsAsync(dashboards.Other.Https, "--measurements", dashboards.ReleaseMeasurements);
        var allowed = await VerifyTlsAsync(dashboards.Other.Https, "--measurements", dashboards.ReleaseMeasurements, "--measurements", dashboards.OtherMeasurements);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("  ✓ Not a debug-mode enclave:", refused.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"verdict       NOT VERIFIED: not the expected enclave (PcrMismatch): Expected PCR values: The PCRs match none of the 1 expected set: '{dashboards.ReleaseMeasurements}' differs at PCR0, PCR1, PCR2.", refused.Lines[^1], StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains($"running the image of {dashboards.OtherMeasurements}", allowed.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expect_pcr_alone_is_a_policy_and_adds_to_every_measurements_set()
    {
        var pcr0 = await VerifyTlsAsync(dashboards.Release.Https, "--expect-pcr", $"0={DashboardFixture.ReleasePcr0}");
        var wrongPcr3 = await VerifyTlsAsync(dashboards.Release.Https, "--measurements", dashboards.ReleaseMeasurements, "--expect-pcr", $"3={new string('a', 96)}");

        Assert.True(pcr0.ExitCode == 0, pcr0.ToString());
        Assert.Contains("running the image of --expect-pcr", pcr0.Lines[^1], StringComparison.Ordinal);
        Assert.True(wrongPcr3.ExitCode == 1, wrongPcr3.ToString());
        Assert.Contains($"'{dashboards.ReleaseMeasurements}' differs at PCR3", wrongPcr3.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_policy_verify_tls_exits_2_before_connecting_and_says_why()
    {
        await using var relay = new SwitchableRelay(dashboards.Release.Https);

        var result = await VerifyTlsAsync(relay.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("nsm: verify-tls needs to know which enclave you expect:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--measurements FILE", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--any-enclave", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(0, relay.Connections);
    }

    [Fact]
    public async Task A_TLS_terminating_man_in_the_middle_is_caught_by_the_binding()
    {
        using var forged = DashboardFixture.ForgedCertificate();
        await using var relay = new SwitchableRelay(dashboards.Release.Https, forged);

        var result = await VerifyTlsAsync(relay.Address, "--measurements", dashboards.ReleaseMeasurements);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("  ✓ Expected PCR values:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✓ Expected nonce:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal($"cert sha256   {Colon(SHA256.HashData(forged.RawData))}", Line(result, "cert sha256"));
        Assert.Contains("  ✗ public_key is the served certificate's key:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ user_data is SHA-384 of the served certificate:", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("verdict       NOT VERIFIED: public_key is the served certificate's key: failed", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_report_has_the_policy_the_fingerprints_and_the_HTTP_version()
    {
        var result = await VerifyTlsAsync(dashboards.Release.Https, "--measurements", dashboards.ReleaseMeasurements, "--nonce", "c0ffee", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.Equal("h2", report.GetProperty("alpn").GetString());
        Assert.Equal("HTTP/2", report.GetProperty("http_version").GetString());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", report.GetProperty("certificate").GetProperty("sha256").GetString());
        Assert.InRange(report.GetProperty("certificate").GetProperty("age_seconds").GetInt64(), 0, 3600);
        var policy = report.GetProperty("policy");
        Assert.False(policy.GetProperty("any_enclave").GetBoolean());
        Assert.False(policy.GetProperty("allow_debug").GetBoolean());
        Assert.Equal(DashboardFixture.ReleasePcr0, policy.GetProperty("expected_pcr_sets")[0].GetProperty("pcrs").GetProperty("0").GetString());
        Assert.Equal(0, report.GetProperty("warnings").GetArrayLength());
        Assert.Equal("c0ffee", report.GetProperty("nonce").GetString());
        Assert.All(report.GetProperty("binding").EnumerateArray(), check => Assert.Equal("passed", check.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Without_the_emulator_root_the_document_does_not_chain_to_AWS()
    {
        var result = await Task.Run(() => Cli.Run("verify-tls", dashboards.Release.Https.GetLeftPart(UriPartial.Authority), "--measurements", dashboards.ReleaseMeasurements));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NOT VERIFIED: the document is invalid (UntrustedRoot)", result.Stdout, StringComparison.Ordinal);
    }

    internal static string Colon(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Line(CliResult result, string key) => result.Lines.Single(l => l.StartsWith(key, StringComparison.Ordinal));

    // The CLI blocks on its own I/O: run it off the test's thread so the in-process servers keep theirs.
    private Task<CliResult> VerifyTlsAsync(Uri server, params string[] options) =>
        Task.Run(() => Cli.Run(["verify-tls", server.GetLeftPart(UriPartial.Authority), "--emulator-root", dashboards.CaDirectory, .. options]));
}
