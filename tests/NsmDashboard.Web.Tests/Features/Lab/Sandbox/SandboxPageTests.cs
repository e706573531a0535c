using System.Security.Cryptography;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Lab.Sandbox;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Lab.Sandbox;

public sealed class SandboxPageTests : NsmDashboardTestContext
{
    private static string Sha384Hex(byte[] old, byte[] data) => Convert.ToHexStringLower(SHA384.HashData([.. old, .. data]));

    private IRenderedComponent<SandboxPage> RenderPage()
    {
        RenderProviders();
        return Render<SandboxPage>();
    }

    private static void AddText(IRenderedComponent<SandboxPage> page, string text)
    {
        page.Find("[data-testid=step-text]").Input(text);
        page.Find("[data-testid=add-step]").Click();
    }

    private static void ChooseKind(IRenderedComponent<SandboxPage> page, string group, string kind) =>
        page.FindAll($"[data-testid={group}] .mud-toggle-item").Single(b => b.TextContent.Trim() == kind).Click();

    private static string Final(IRenderedComponent<SandboxPage> page) =>
        page.Find("[data-testid=final-digest]").GetAttribute("data-value")!;

    [Fact]
    public void Hex_010203_on_zeros_shows_old_and_data_and_the_spec_digest()
    {
        // Arrange
        var page = RenderPage();
        ChooseKind(page, "step-kind", "Hex");

        // Act
        page.Find("[data-testid=step-hex]").Input("01 02 03");
        page.Find("[data-testid=add-step]").Click();

        // Assert
        var step = page.Find("[data-testid=step]");
        Assert.Equal(new string('0', 96) + " ‖ 010203", step.QuerySelector("[data-testid=step-input]")!.TextContent);
        Assert.Equal("cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e", Final(page));
    }

    [Fact]
    public void Moving_a_step_up_changes_the_final_value_and_the_page_says_so()
    {
        // Arrange
        var page = RenderPage();
        AddText(page, "first");
        AddText(page, "second");
        var inOrder = Sha384Hex(Convert.FromHexString(Sha384Hex(new byte[48], "first"u8.ToArray())), "second"u8.ToArray());
        var swapped = Sha384Hex(Convert.FromHexString(Sha384Hex(new byte[48], "second"u8.ToArray())), "first"u8.ToArray());
        Assert.Equal(inOrder, Final(page));
        Assert.Empty(page.FindAll("[data-testid=reorder-note]"));

        // Act
        page.FindAll("[data-testid=move-up]")[1].Click();

        // Assert
        Assert.Equal(swapped, Final(page));
        Assert.Equal(["second", "first"], page.FindAll("[data-testid=step-label]").Select(e => e.TextContent));
        var note = page.Find("[data-testid=reorder-note]");
        Assert.Equal("true", note.GetAttribute("data-changed"));
        Assert.Contains("Order matters: the final value changed.", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("moved from position 2 to 1", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_buttons_are_labelled_and_disabled_at_the_ends()
    {
        // Arrange
        var page = RenderPage();
        AddText(page, "a");
        AddText(page, "b");

        // Act
        var ups = page.FindAll("[data-testid=move-up]");
        var downs = page.FindAll("[data-testid=move-down]");

        // Assert
        Assert.Equal("Move step 1 up", ups[0].GetAttribute("aria-label"));
        Assert.True(ups[0].HasAttribute("disabled"));
        Assert.False(ups[1].HasAttribute("disabled"));
        Assert.True(downs[1].HasAttribute("disabled"));
        Assert.Equal("Remove step 2", page.FindAll("[data-testid=remove-step]")[1].GetAttribute("aria-label"));
    }

    [Fact]
    public void Removing_a_step_refolds_the_rest()
    {
        // Arrange
        var page = RenderPage();
        AddText(page, "a");
        AddText(page, "b");

        // Act
        page.FindAll("[data-testid=remove-step]")[0].Click();

        // Assert
        Assert.Single(page.FindAll("[data-testid=step]"));
        Assert.Equal(Sha384Hex(new byte[48], "b"u8.ToArray()), Final(page));
    }

    [Theory]
    [InlineData("01zz", "'z' at position 3 is not a hex digit")]
    [InlineData("012", "odd number")]
    public void Bad_hex_shows_an_inline_error_and_adds_nothing(string hex, string expected)
    {
        // Arrange
        var page = RenderPage();
        ChooseKind(page, "step-kind", "Hex");

        // Act
        page.Find("[data-testid=step-hex]").Input(hex);
        page.Find("[data-testid=add-step]").Click();

        // Assert
        Assert.Contains(expected, page.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=step]"));
    }

    [Fact]
    public void Text_longer_than_an_ExtendPCR_request_can_carry_is_refused_with_the_limit()
    {
        // Arrange
        var page = RenderPage();

        // Act
        AddText(page, new string('x', 5000));

        // Assert
        Assert.Contains("5000 bytes is too long", page.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=step]"));
    }

    [Fact]
    public void A_lock_after_the_first_step_refuses_the_second_with_ReadOnlyIndex()
    {
        // Arrange
        var page = RenderPage();
        AddText(page, "a");
        AddText(page, "b");

        // Act
        page.Find("[data-testid=lock-toggle]").Change(true);
        page.Find("[data-testid=lock-after]").Change("1");

        // Assert
        var steps = page.FindAll("[data-testid=step]");
        Assert.Equal(["false", "true"], steps.Select(s => s.GetAttribute("data-refused")));
        Assert.Contains("Error(ReadOnlyIndex)", page.Find("[data-testid=step-refusal]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=lock-marker]"));
        Assert.Equal(Sha384Hex(new byte[48], "a"u8.ToArray()), Final(page));
        Assert.Contains("1 refused", page.Find("[data-testid=final-meta]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_PCR_start_uses_its_current_value_and_a_boot_locked_PCR_refuses_every_step()
    {
        // Arrange
        var live = await Operations.ExtendPcrAsync(16, "boot"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        var page = RenderPage();
        AddText(page, "x");

        // Act
        ChooseKind(page, "start-kind", "Live PCR");
        page.WaitForElement("[data-testid=start-value]");
        var fromPcr16 = Final(page);
        page.Find("[data-testid=pcr-index]").Change("0");
        page.WaitForAssertion(() => Assert.Contains("PCR0 read at", page.Find("[data-testid=start-live]").TextContent, StringComparison.Ordinal));

        // Assert
        Assert.Equal(Sha384Hex(live.Value.ToArray(), "x"u8.ToArray()), fromPcr16);
        Assert.Contains("locked", page.Find("[data-testid=start-live]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("[data-testid=step]").GetAttribute("data-refused"));
        Assert.Equal((await ReadPcrAsync(0)).Hex, Final(page));
    }

    [Fact]
    public void A_typed_start_value_must_be_48_bytes()
    {
        // Arrange
        var page = RenderPage();
        AddText(page, "a");
        ChooseKind(page, "start-kind", "Hex");

        // Act
        page.Find("[data-testid=start-hex]").Input("abcd");

        // Assert
        Assert.Contains("2 bytes: a SHA-384 PCR is exactly 48 bytes", page.Find(".mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=no-start]"));
        Assert.Empty(page.FindAll("[data-testid=final-digest]"));

        // Act: a valid value.
        page.Find("[data-testid=start-hex]").Input(new string('f', 96));

        // Assert
        Assert.Equal(Sha384Hex(Enumerable.Repeat((byte)0xff, 48).ToArray(), "a"u8.ToArray()), Final(page));
    }

    [Fact]
    public void Projector_mode_marks_the_page()
    {
        // Arrange
        var page = RenderPage();

        // Act
        page.Find("[data-testid=projector-toggle]").Change(true);

        // Assert
        Assert.Contains("projector", page.Find("[data-testid=sandbox]").ClassList);
    }

    [Fact]
    public void An_uploaded_file_is_a_step_of_its_bytes_and_one_too_large_is_refused_with_its_size()
    {
        // Arrange
        var page = RenderPage();
        ChooseKind(page, "step-kind", "File");
        var input = page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();
        byte[] content = [0xde, 0xad, 0xbe, 0xef];

        // Act
        input.UploadFiles(InputFileContent.CreateFromBinary(content, "measurement.bin"));
        page.WaitForAssertion(() => Assert.Contains("measurement.bin (4 bytes)", page.Markup, StringComparison.Ordinal));
        page.Find("[data-testid=add-step]").Click();

        // Assert
        Assert.Equal("measurement.bin", page.Find("[data-testid=step-label]").TextContent);
        Assert.Equal(Sha384Hex(new byte[48], content), Final(page));

        // Act: a file larger than one request can carry.
        var max = ExtendRequestSize.MaxDataLength(16);
        input.UploadFiles(InputFileContent.CreateFromBinary(new byte[max + 1], "big.bin"));

        // Assert
        page.WaitForAssertion(() => Assert.Contains(
            $"big.bin is {max + 1} bytes; an ExtendPCR request for PCR16 carries at most {max} data bytes",
            page.Find("[data-testid=step-error]").TextContent,
            StringComparison.Ordinal));
        page.Find("[data-testid=add-step]").Click();
        Assert.Single(page.FindAll("[data-testid=step]"));
    }
}
