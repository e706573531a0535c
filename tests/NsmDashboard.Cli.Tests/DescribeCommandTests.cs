using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

public sealed class DescribeCommandTests
{
    [Fact]
    public void Text_output_lists_every_field()
    {
        var result = Cli.Emulator("describe");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                $"module_id    {Cli.ModuleId}",
                "version      1.0.0",
                "max_pcrs     32",
                "locked_pcrs  0-15",
                "digest       SHA384",
                $"transport    emulator (NSM emulator (module {Cli.ModuleId}))",
            ],
            result.Lines);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Json_output_has_the_protocol_fields()
    {
        var result = Cli.Emulator("describe", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(Cli.ModuleId, root.GetProperty("module_id").GetString());
        Assert.Equal("1.0.0", root.GetProperty("version").GetString());
        Assert.Equal(1, root.GetProperty("version_major").GetInt32());
        Assert.Equal(0, root.GetProperty("version_minor").GetInt32());
        Assert.Equal(0, root.GetProperty("version_patch").GetInt32());
        Assert.Equal(32, root.GetProperty("max_pcrs").GetInt32());
        Assert.Equal(Enumerable.Range(0, 16), root.GetProperty("locked_pcrs").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("SHA384", root.GetProperty("digest").GetString());
        Assert.Equal("emulator", root.GetProperty("transport").GetProperty("kind").GetString());
    }

    [Fact]
    public void Options_may_follow_the_command()
    {
        var result = Cli.Run("describe", "--emulator", "--module-id", Cli.ModuleId, "--debug-mode");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("debug mode", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_mode_is_named_in_the_transport()
    {
        var result = Cli.Emulator("--debug-mode", "describe", "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.EndsWith("debug mode)", json.RootElement.GetProperty("transport").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
