using System.Security.Cryptography;
using System.Text;
using MudBlazor;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class ExtendPcrDialogTests : NsmDashboardTestContext
{
    private static string Sha384Hex(byte[] current, byte[] data) => Convert.ToHexStringLower(SHA384.HashData([.. current, .. data]));

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(ushort index)
    {
        var pcr = await ReadPcrAsync(index);
        var parameters = new DialogParameters<ExtendPcrDialog> { { d => d.Pcr, pcr }, { d => d.Digest, NsmDigest.Sha384 } };
        var (provider, _) = await ShowDialogAsync(parameters);
        provider.WaitForElement("[data-testid=extend-text]");
        return provider;
    }

    [Fact]
    public async Task Preview_is_SHA384_of_the_current_value_and_the_typed_text()
    {
        // Arrange: PCR16 is no longer zero, so the preview must use its current value
        await Operations.ExtendPcrAsync(16, "first"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        var current = (await ReadPcrAsync(16)).Value.ToArray();
        var provider = await OpenAsync(16);
        const string Text = "app-config:v2 ✓";

        // Act
        provider.Find("[data-testid=extend-text]").Input(Text);

        // Assert
        var expected = Sha384Hex(current, Encoding.UTF8.GetBytes(Text));
        provider.WaitForAssertion(() =>
            Assert.Equal(expected, provider.Find("[data-testid=extend-preview]").GetAttribute("data-value")));
        Assert.Equal(Convert.ToHexStringLower(current), provider.Find("[data-testid=extend-current]").GetAttribute("data-value"));

        // Nothing was sent: the PCR still has its old value.
        Assert.Equal(current, (await ReadPcrAsync(16)).Value.ToArray());
    }

    [Fact]
    public async Task Preview_follows_hex_input_and_shows_the_CBOR_request_size()
    {
        // Arrange
        var provider = await OpenAsync(16);
        provider.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "Hex").Click();

        // Act
        provider.Find("[data-testid=extend-hex]").Input("0x01 02:03");

        // Assert: ExtendPCR{16, 010203} is 28 bytes on the wire (docs/nsm-messages.md#hex-vectors)
        var expected = Sha384Hex(new byte[48], [1, 2, 3]);
        provider.WaitForAssertion(() =>
            Assert.Equal(expected, provider.Find("[data-testid=extend-preview]").GetAttribute("data-value")));
        var size = provider.Find("[data-testid=extend-size]").TextContent;
        Assert.Contains("Data: 3 bytes", Normalize(size), StringComparison.Ordinal);
        Assert.Contains("Request: 28 / 4096", Normalize(size), StringComparison.Ordinal);
        Assert.False(provider.Find("[data-testid=extend-review]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("0g", "'g' at position 2 is not a hex digit")]
    [InlineData("abc", "odd number of hex digits (3)")]
    public async Task Bad_hex_is_explained_and_cannot_be_sent(string hex, string message)
    {
        // Arrange
        var provider = await OpenAsync(17);
        provider.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "Hex").Click();

        // Act
        provider.Find("[data-testid=extend-hex]").Input(hex);

        // Assert
        provider.WaitForAssertion(() => Assert.Contains(message, provider.Markup, StringComparison.Ordinal));
        Assert.True(provider.Find("[data-testid=extend-review]").HasAttribute("disabled"));
        Assert.NotNull(provider.Find("[data-testid=extend-preview-empty]"));
    }

    [Fact]
    public async Task Data_over_the_request_limit_is_refused_before_sending()
    {
        // Arrange: one byte more than fits in 4096 bytes of CBOR for PCR16
        var provider = await OpenAsync(16);
        provider.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "Hex").Click();
        var tooLong = Convert.ToHexString(new byte[ExtendRequestSize.MaxDataLength(16) + 1]);

        // Act
        provider.Find("[data-testid=extend-hex]").Input(tooLong);

        // Assert
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=extend-too-large]")));
        Assert.True(provider.Find("[data-testid=extend-review]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_file_is_extended_as_its_bytes_and_one_too_large_is_refused_with_its_size()
    {
        // Arrange
        var provider = await OpenAsync(20);
        provider.FindAll(".mud-toggle-item").Single(b => b.TextContent.Trim() == "File").Click();
        var input = provider.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();
        byte[] content = [0xde, 0xad, 0xbe, 0xef];

        // Act
        input.UploadFiles(InputFileContent.CreateFromBinary(content, "measurement.bin"));

        // Assert
        var expected = Sha384Hex(new byte[48], content);
        provider.WaitForAssertion(() =>
            Assert.Equal(expected, provider.Find("[data-testid=extend-preview]").GetAttribute("data-value")));
        Assert.Contains("measurement.bin (4 bytes)", provider.Markup, StringComparison.Ordinal);

        // Act: a file larger than one request can carry
        var max = ExtendRequestSize.MaxDataLength(20);
        input.UploadFiles(InputFileContent.CreateFromBinary(new byte[max + 1], "big.bin"));

        // Assert
        provider.WaitForAssertion(() => Assert.Contains(
            $"big.bin is {max + 1} bytes; an ExtendPCR request for PCR20 carries at most {max} bytes",
            provider.Find("[data-testid=extend-file-error]").TextContent,
            StringComparison.Ordinal));
        Assert.True(provider.Find("[data-testid=extend-review]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Confirming_extends_the_PCR_and_shows_the_NSM_answer_matching_the_preview()
    {
        // Arrange
        var provider = await OpenAsync(18);
        provider.Find("[data-testid=extend-text]").Input("measurement");
        var expected = Sha384Hex(new byte[48], "measurement"u8.ToArray());

        // Act
        provider.WaitForElement("[data-testid=extend-review]:not([disabled])").Click();
        provider.WaitForElement("[data-testid=extend-confirm]").Click();

        // Assert
        provider.WaitForAssertion(() =>
            Assert.Equal(expected, provider.Find("[data-testid=extend-result]").GetAttribute("data-value")));
        Assert.Contains("matches the preview", provider.Find("[data-testid=extend-done]").TextContent, StringComparison.Ordinal);
        Assert.Equal(expected, (await ReadPcrAsync(18)).Hex);
    }

    [Fact]
    public async Task An_NSM_refusal_is_shown_with_its_error_code_and_the_dialog_stays_usable()
    {
        // Arrange: the dialog was opened on an unlocked PCR that another operator then locks
        var provider = await OpenAsync(19);
        provider.Find("[data-testid=extend-text]").Input("late");
        provider.WaitForElement("[data-testid=extend-review]:not([disabled])").Click();
        var confirm = provider.WaitForElement("[data-testid=extend-confirm]");

        // The notifier tells the dialog, which disables confirm; the NSM itself must refuse a stale click too.
        await Emulator_LockWithoutNotifying(19);

        // Act
        confirm.Click();

        // Assert
        provider.WaitForAssertion(() =>
        {
            var error = provider.Find("[data-testid=nsm-error]").TextContent;
            Assert.Contains("ReadOnlyIndex", error, StringComparison.Ordinal);
        });
        Assert.NotNull(provider.Find("[data-testid=extend-confirm]"));
    }

    // Locks through the client directly, bypassing NsmOperations, so no change is published: the situation
    // of a PCR locked by another process (the CLI) sharing the device.
    private async Task Emulator_LockWithoutNotifying(ushort index)
    {
        var client = Services.GetRequiredService<NsmDashboard.Nsm.NsmClient>();
        await client.LockPcrAsync(index, TestContext.Current.CancellationToken);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
