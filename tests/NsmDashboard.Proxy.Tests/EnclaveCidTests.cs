namespace NsmDashboard.Proxy.Tests;

/// <summary>--cid auto: the running enclave's CID from nitro-cli describe-enclaves.</summary>
public sealed class EnclaveCidTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    [Fact]
    public void One_running_enclave_gives_its_cid()
    {
        Assert.Equal(16u, EnclaveCid.FromJson(File.ReadAllText(Data("describe-enclaves-one.json")), "test"));
    }

    [Fact]
    public void Enclaves_that_are_not_running_are_ignored()
    {
        const string Json = """
            [{"EnclaveName":"old","EnclaveCID":20,"State":"TERMINATING"},
             {"EnclaveName":"new","EnclaveCID":21,"State":"RUNNING"}]
            """;
        Assert.Equal(21u, EnclaveCid.FromJson(Json, "test"));
    }

    [Theory]
    [InlineData("[]", "no enclave is running")]
    [InlineData("""[{"EnclaveCID":16,"State":"TERMINATING"}]""", "none of the 1 enclaves")]
    [InlineData("""[{"EnclaveName":"a","EnclaveCID":16,"State":"RUNNING"},{"EnclaveName":"b","EnclaveCID":17,"State":"RUNNING"}]""", "2 enclaves are running (a CID 16, b CID 17); choose one with --cid N")]
    [InlineData("{", "is not JSON")]
    [InlineData("""{"EnclaveCID":16}""", "expected a JSON array")]
    [InlineData("[42]", "entry 1 of test is not an object")]
    [InlineData("""[{"State":"RUNNING"}]""", "has no valid EnclaveCID")]
    [InlineData("""[{"State":"RUNNING","EnclaveCID":"16"}]""", "has no valid EnclaveCID")]
    [InlineData("""[{"State":"RUNNING","EnclaveCID":2}]""", "has no valid EnclaveCID")]
    [InlineData("""[{"State":"RUNNING","EnclaveCID":-1}]""", "has no valid EnclaveCID")]
    public void Anything_but_one_running_enclave_is_a_clear_error(string json, string message)
    {
        var error = Assert.Throws<ProxyException>(() => EnclaveCid.FromJson(json, "test"));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_resolves_auto_from_a_saved_file()
    {
        await using var proxy = await RunningProxy.StartAsync("--cid", "auto", "--port", "5005", "--describe-enclaves-json", Data("describe-enclaves-one.json"));

        await proxy.Log.WaitForAsync("relaying to vsock://16:5005");
        Assert.Contains("--cid auto: the running enclave has CID 16", proxy.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await proxy.StopAsync());
    }

    [Theory]
    [InlineData("describe-enclaves-several.json", "2 enclaves are running")]
    [InlineData("describe-enclaves-none.json", "no enclave is running")]
    [InlineData("missing.json", "cannot read")]
    public async Task The_proxy_exits_1_when_auto_finds_no_single_enclave(string file, string message)
    {
        var error = new LogCapture();

        int code = await ProxyApp.RunAsync(["--cid", "auto", "--describe-enclaves-json", Data(file)], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_runs_nitro_cli_describe_enclaves()
    {
        string script = FakeNitroCli($"cat '{Data("describe-enclaves-one.json")}'");
        try
        {
            await using var proxy = await RunningProxy.StartAsync("--cid", "auto", "--nitro-cli", script);
            await proxy.Log.WaitForAsync("relaying to vsock://16:5000");
            Assert.Contains($"(from {script} describe-enclaves)", proxy.Log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task A_failing_or_missing_nitro_cli_is_a_clear_error()
    {
        string script = FakeNitroCli("echo 'Error: no permission to /dev/nitro_enclaves' >&2; exit 3");
        try
        {
            var failing = new LogCapture();
            Assert.Equal(1, await ProxyApp.RunAsync(["--cid", "auto", "--nitro-cli", script], TextWriter.Null, failing, TestContext.Current.CancellationToken));
            Assert.Contains("failed with exit code 3: Error: no permission to /dev/nitro_enclaves", failing.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }

        var missing = new LogCapture();
        Assert.Equal(1, await ProxyApp.RunAsync(["--cid", "auto", "--nitro-cli", "/nonexistent/nitro-cli"], TextWriter.Null, missing, TestContext.Current.CancellationToken));
        Assert.Contains("cannot run '/nonexistent/nitro-cli describe-enclaves'", missing.ToString(), StringComparison.Ordinal);
    }

    // A stand-in for nitro-cli that checks it was asked for describe-enclaves.
    private static string FakeNitroCli(string body)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fake-nitro-cli-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"#!/bin/sh\n[ \"$1\" = describe-enclaves ] || {{ echo \"unexpected: $*\" >&2; exit 9; }}\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
