using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Lab.Sandbox;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Tests.Features.Lab.Sandbox;

public sealed class SandboxInputTests
{
    [Theory]
    [InlineData("0102zz", "'z' at position 5 is not a hex digit")]
    [InlineData("010", "odd number of hex digits (3)")]
    [InlineData("0x", "holds no digits")]
    public void Bad_hex_gives_a_message_and_no_step(string hex, string expected)
    {
        // Arrange
        var sandbox = new PcrSandbox();
        var draft = new SandboxStepDraft { Kind = ExtendInputKind.Hex, Hex = hex };

        // Act
        var added = sandbox.TryAdd(draft, out var error);

        // Assert
        Assert.False(added);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(expected, draft.Problem(16), StringComparison.Ordinal);
        Assert.Empty(sandbox.Steps);
    }

    [Fact]
    public void Data_is_limited_as_the_NSM_limits_an_ExtendPCR_request()
    {
        // Arrange
        var max = ExtendRequestSize.MaxDataLength(16);
        var fits = new SandboxStepDraft { Kind = ExtendInputKind.Text, Text = new string('x', max) };
        var tooLong = new SandboxStepDraft { Kind = ExtendInputKind.Text, Text = new string('x', max + 1) };
        var sandbox = new PcrSandbox();

        // Act
        var fitted = sandbox.TryAdd(fits, out _);
        var refused = sandbox.TryAdd(tooLong, out var error);

        // Assert
        Assert.True(fitted);
        Assert.False(refused);
        Assert.Contains($"{max + 1} bytes is too long", error, StringComparison.Ordinal);
        Assert.Contains($"at most {max} data bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_extended_as_its_UTF8_bytes()
    {
        // Arrange
        var draft = new SandboxStepDraft { Kind = ExtendInputKind.Text, Text = "é" };

        // Act
        Assert.True(draft.TryBuild(1, 16, out var step, out _));

        // Assert
        Assert.Equal("c3a9", step!.DataHex);
        Assert.Equal("é", step.Label);
    }

    [Fact]
    public void A_file_step_carries_the_file_bytes_and_an_empty_file_is_refused()
    {
        // Arrange
        var draft = new SandboxStepDraft { Kind = ExtendInputKind.File };
        Assert.True(draft.IsEmpty);
        Assert.Null(draft.Problem(16));

        // Act
        draft.SetFile("empty.bin", []);
        var emptyProblem = draft.Problem(16);
        draft.SetFile("config.json", "{}"u8.ToArray());
        Assert.True(draft.TryBuild(7, 16, out var step, out _));

        // Assert
        Assert.Contains("empty.bin is empty", emptyProblem, StringComparison.Ordinal);
        Assert.Equal(("config.json", "7b7d", 7), (step!.Label, step.DataHex, step.Id));
    }

    [Fact]
    public void An_empty_draft_shows_no_problem_until_it_is_added()
    {
        // Arrange
        var draft = new SandboxStepDraft { Kind = ExtendInputKind.Hex, Hex = "  " };

        // Act
        var added = new PcrSandbox().TryAdd(draft, out var error);

        // Assert
        Assert.Null(draft.Problem(16));
        Assert.False(added);
        Assert.Equal("Enter hex bytes, e.g. 010203.", error);
    }

    [Theory]
    [InlineData(null, "Enter 48 bytes (96 hex digits).")]
    [InlineData("00", "1 byte: a SHA-384 PCR is exactly 48 bytes")]
    [InlineData("g0", "'g' at position 1 is not a hex digit")]
    public void A_typed_start_value_must_be_48_bytes_of_hex(string? text, string expected)
    {
        Assert.False(SandboxStart.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_start_value_of_96_digits_is_read()
    {
        var hex = "0x" + new string('a', 96);

        Assert.True(SandboxStart.TryParse(hex, out var value, out var error));
        Assert.Null(error);
        Assert.All(value, b => Assert.Equal(0xaa, b));
    }
}
