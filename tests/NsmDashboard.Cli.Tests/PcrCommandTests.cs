using System.Text;
using System.Text.Json;

namespace NsmDashboard.Cli.Tests;

public sealed class PcrCommandTests
{
    private static readonly string Measurements = $$"""
        {
          "Measurements": {
            "HashAlgorithm": "Sha384 { ... }",
            "PCR0": "{{Repeat("01")}}",
            "PCR1": "{{Repeat("02")}}",
            "PCR2": "{{Repeat("03")}}"
          }
        }
        """;

    [Fact]
    public void Read_one_pcr()
    {
        var result = Cli.Emulator("pcr", "read", "16");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"PCR16  unlocked  {Hex.Zeros(48)}\n", result.Stdout);
    }

    [Fact]
    public void Read_all_shows_the_boot_state()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("measurements.json", Measurements);
        const string role = "arn:aws:iam::123456789012:role/app";

        var result = Cli.Emulator("--measurements", file, "--iam-role", role, "pcr", "read", "all");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(32, result.Lines.Length);
        Assert.Equal($"PCR0   locked    {Repeat("01")}", result.Lines[0]);
        Assert.Equal($"PCR1   locked    {Repeat("02")}", result.Lines[1]);
        Assert.Equal($"PCR2   locked    {Repeat("03")}", result.Lines[2]);

        // PCR3 = SHA384(0^48 ‖ role), PCR4 = SHA384(0^48 ‖ instance id of the module id) (docs/pcrs.md#meanings).
        Assert.Equal($"PCR3   locked    {Hex.Of(Hex.Extend(new byte[48], Encoding.UTF8.GetBytes(role)))}", result.Lines[3]);
        Assert.Equal($"PCR4   locked    {Hex.Of(Hex.Extend(new byte[48], Encoding.UTF8.GetBytes("i-00c89f181802cdef4")))}", result.Lines[4]);
        for (var i = 5; i < 16; i++)
        {
            Assert.Equal($"{"PCR" + i,-5}  locked    {Hex.Zeros(48)}", result.Lines[i]);
        }

        for (var i = 16; i < 32; i++)
        {
            Assert.Equal($"{"PCR" + i,-5}  unlocked  {Hex.Zeros(48)}", result.Lines[i]);
        }
    }

    [Fact]
    public void Read_json()
    {
        var one = Cli.Emulator("pcr", "read", "16", "--json");
        var all = Cli.Emulator("--debug-mode", "pcr", "read", "all", "--json");

        Assert.Equal(0, one.ExitCode);
        using (var json = JsonDocument.Parse(one.Stdout))
        {
            Assert.Equal(16, json.RootElement.GetProperty("index").GetInt32());
            Assert.False(json.RootElement.GetProperty("locked").GetBoolean());
            Assert.Equal(Hex.Zeros(48), json.RootElement.GetProperty("value").GetString());
        }

        Assert.Equal(0, all.ExitCode);
        using (var json = JsonDocument.Parse(all.Stdout))
        {
            var pcrs = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(32, pcrs.Count);
            Assert.Equal(Enumerable.Range(0, 32), pcrs.Select(p => p.GetProperty("index").GetInt32()));
            Assert.Equal(Enumerable.Range(0, 32).Select(i => i < 16), pcrs.Select(p => p.GetProperty("locked").GetBoolean()));
            Assert.Equal(Hex.Zeros(48), pcrs[0].GetProperty("value").GetString());
        }
    }

    [Fact]
    public void Extend_with_hex_prints_the_new_value()
    {
        var result = Cli.Emulator("pcr", "extend", "16", "--hex", "010203");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e\n", result.Stdout);
    }

    [Fact]
    public void Extend_with_text_and_file_hash_their_bytes()
    {
        using var temp = new TempDirectory();
        byte[] data = [0, 1, 2, 0xfe, 0xff];
        var file = temp.Write("data.bin", data);

        var text = Cli.Emulator("pcr", "extend", "31", "--text", "hello");
        var fromFile = Cli.Emulator("pcr", "extend", "16", "--file", file);

        Assert.Equal(Hex.Of(Hex.Extend(new byte[48], "hello"u8)) + "\n", text.Stdout);
        Assert.Equal(Hex.Of(Hex.Extend(new byte[48], data)) + "\n", fromFile.Stdout);
    }

    [Fact]
    public void Extend_a_locked_pcr_exits_1_with_read_only_index()
    {
        var result = Cli.Emulator("pcr", "extend", "0", "--hex", "010203");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Error(ReadOnlyIndex)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("read", "32")]
    [InlineData("lock", "32")]
    [InlineData("read", "65535")]
    public void An_index_beyond_the_module_exits_1_with_invalid_index(string command, string index)
    {
        var result = Cli.Emulator("pcr", command, index);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error(InvalidIndex)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_and_lock_range()
    {
        Assert.Equal("PCR17 locked\n", Cli.Emulator("pcr", "lock", "17").Stdout);
        Assert.Equal("PCRs 0-31 locked\n", Cli.Emulator("pcr", "lock-range", "32").Stdout);
        Assert.Equal("PCRs 0-19 locked\n", Cli.Emulator("pcr", "lock-range", "0-19").Stdout);
        Assert.Equal("range 0: no PCR locked\n", Cli.Emulator("pcr", "lock-range", "0").Stdout);

        var locked = Cli.Emulator("pcr", "lock", "3");
        Assert.Equal(1, locked.ExitCode);
        Assert.Contains("Error(ReadOnlyIndex)", locked.Stderr, StringComparison.Ordinal);

        var beyond = Cli.Emulator("pcr", "lock-range", "33");
        Assert.Equal(1, beyond.ExitCode);
        Assert.Contains("Error(InvalidIndex)", beyond.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pcr", "read", "abc")]
    [InlineData("pcr", "read", "-1")]
    [InlineData("pcr", "read", "65536")]
    [InlineData("pcr", "read", "1.5")]
    [InlineData("pcr", "read")]
    [InlineData("pcr", "lock")]
    [InlineData("pcr", "lock", "x17")]
    [InlineData("pcr", "lock-range", "3-5")]
    [InlineData("pcr", "lock-range", "many")]
    [InlineData("pcr", "extend", "16")]
    [InlineData("pcr", "extend", "16", "--hex", "0102", "--text", "x")]
    [InlineData("pcr", "extend", "16", "--hex", "01020")]
    [InlineData("pcr", "extend", "16", "--hex", "zz")]
    [InlineData("pcr", "extend", "sixteen", "--hex", "01")]
    [InlineData("pcr")]
    [InlineData("pcr", "write", "16")]
    [InlineData("describe", "extra")]
    [InlineData("describe", "--no-such-option")]
    public void Usage_errors_exit_2_and_print_nothing_on_stdout(params string[] args)
    {
        var result = Cli.Emulator(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("nsm: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_extend_file_exits_2()
    {
        var result = Cli.Emulator("pcr", "extend", "16", "--file", "/nonexistent/data.bin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--file /nonexistent/data.bin", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_too_large_for_one_request_exits_2_before_sending()
    {
        var result = Cli.Emulator("pcr", "extend", "16", "--hex", new string('a', 2 * 4090));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("4096", result.Stderr, StringComparison.Ordinal);
    }

    private static string Repeat(string hexByte) => string.Concat(Enumerable.Repeat(hexByte, 48));
}
