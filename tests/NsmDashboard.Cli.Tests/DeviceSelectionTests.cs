namespace NsmDashboard.Cli.Tests;

/// <summary>Choosing the module: the device by default, the emulator only when asked, and exit 3 without a device.</summary>
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("describe")]
    [InlineData("pcr", "read", "all")]
    [InlineData("random")]
    [InlineData("attest")]
    [InlineData("raw", "6947657452616e646f6d")]
    public void No_device_without_emulator_exits_3_saying_how_to_proceed(params string[] command)
    {
        var result = Cli.Run(["--device", "/nonexistent/nsm", .. command]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("ENOENT (errno 2)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--emulator", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nitro Enclave", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_not_an_nsm_device_exits_3_with_its_errno()
    {
        // /dev/null opens, but the driver behind it does not know the NSM ioctl.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The NSM device path exists only on Linux.");
        }

        var result = Cli.Run("--device", "/dev/null", "raw", "6947657452616e646f6d");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Matches(@"ioctl failed with E[A-Z]+ \(errno \d+\)", result.Stderr);
    }

    [Fact]
    public void Device_and_emulator_conflict()
    {
        var result = Cli.Run("--device", "/dev/nsm", "--emulator", "describe");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("conflict", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--debug-mode")]
    [InlineData("--module-id", Cli.ModuleId)]
    [InlineData("--measurements", "m.json")]
    [InlineData("--ca-dir", "ca")]
    [InlineData("--iam-role", "arn:aws:iam::123456789012:role/app")]
    [InlineData("--instance-id", "i-0123456789abcdef0")]
    public void Emulator_settings_need_the_emulator(params string[] option)
    {
        var result = Cli.Run([.. option, "describe"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option[0]} configures the emulator", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--module-id", "i-234-enc5678")]
    [InlineData("--instance-id", "instance-1")]
    [InlineData("--iam-role", "not-an-arn")]
    [InlineData("--measurements", "/nonexistent/measurements.json")]
    public void Malformed_emulator_settings_exit_2_naming_the_option(string option, string value)
    {
        var result = Cli.Run("--emulator", option, value, "describe");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"nsm: {option}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_measurements_json_exits_2()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("m.json", """{"Measurements": {"PCR0": "00"}}""");

        var result = Cli.Run("--emulator", "--measurements", file, "describe");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--measurements", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_is_a_usage_error_and_help_is_not()
    {
        Assert.Equal(2, Cli.Run().ExitCode);

        var help = Cli.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("raw", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("verify", help.Stdout, StringComparison.Ordinal);
    }
}
