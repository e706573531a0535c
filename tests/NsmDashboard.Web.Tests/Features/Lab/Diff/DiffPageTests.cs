using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Lab.Diff;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Lab.Diff;

public sealed class DiffPageTests : NsmDashboardTestContext
{
    private IRenderedComponent<DiffPage> RenderPage()
    {
        RenderProviders();
        return Render<DiffPage>();
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<DiffPage> page, string key) => page.Find($"[data-testid=diff-row][data-key={key}]");

    [Fact]
    public void Two_pasted_real_documents_show_their_differences_side_by_side()
    {
        // Arrange
        var page = RenderPage();
        page.Find("[data-testid=diff-text-a]").Input(Convert.ToBase64String(AwsVectors.Nitrite));
        page.Find("[data-testid=diff-text-b]").Input(Convert.ToHexStringLower(AwsVectors.Evervault));

        // Act
        page.Find("[data-testid=compare]").Click();

        // Assert
        page.WaitForElement("[data-testid=diff-summary]");
        Assert.Contains("fields differ.", page.Find("[data-testid=diff-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Differs", Row(page, "module_id").GetAttribute("data-status"));
        Assert.Contains("i-0809849710bf1b61b-enc017cc45400406a27", Row(page, "module_id").TextContent, StringComparison.Ordinal);
        Assert.Equal("Same", Row(page, "digest").GetAttribute("data-status"));
        Assert.Contains("later than A", Row(page, "timestamp").TextContent, StringComparison.Ordinal);
        Assert.Equal("Differs", Row(page, "pcr-0").GetAttribute("data-status"));
        Assert.Equal("empty (0 bytes)", Row(page, "public_key").QuerySelector("[data-testid=diff-left]")!.TextContent);
        Assert.Equal("null", Row(page, "public_key").QuerySelector("[data-testid=diff-right]")!.TextContent);
        Assert.Equal("Same", Row(page, "cabundle-0").GetAttribute("data-status"));
        Assert.Equal("Differs", Row(page, "certificate-sha256").GetAttribute("data-status"));
        Assert.Contains("status-differs", Row(page, "module_id").ClassList);
        Assert.Contains("read as base64 (4479 bytes)", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_differences_hides_the_rows_that_are_the_same()
    {
        // Arrange
        var page = RenderPage();
        page.Find("[data-testid=diff-text-a]").Input(Convert.ToBase64String(AwsVectors.Nitrite));
        page.Find("[data-testid=diff-text-b]").Input(Convert.ToBase64String(AwsVectors.Evervault));
        page.Find("[data-testid=compare]").Click();
        Assert.NotEmpty(page.FindAll("[data-testid=diff-row][data-key=digest]"));

        // Act
        page.Find("[data-testid=only-differences]").Change(true);

        // Assert
        Assert.Empty(page.FindAll("[data-testid=diff-row][data-key=digest]"));
        Assert.All(page.FindAll("[data-testid=diff-row]"), r => Assert.NotEqual("Same", r.GetAttribute("data-status")));
    }

    [Fact]
    public void Each_side_that_cannot_be_read_says_why_and_nothing_is_compared()
    {
        // Arrange
        var page = RenderPage();
        page.Find("[data-testid=diff-text-a]").Input("not a document!");
        page.Find("[data-testid=diff-text-b]").Input(Convert.ToBase64String(AwsVectors.Evervault.AsSpan(0, 300)));

        // Act
        page.Find("[data-testid=compare]").Click();

        // Assert
        Assert.Contains("Format not recognised", page.Find("[data-testid=diff-error-a]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Decode error at byte", page.Find("[data-testid=diff-error-b]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=diff-summary]"));
    }

    [Fact]
    public void Compare_waits_for_both_sides()
    {
        // Arrange
        var page = RenderPage();

        // Act
        page.Find("[data-testid=diff-text-a]").Input(Convert.ToBase64String(AwsVectors.Nitrite));

        // Assert
        Assert.True(page.Find("[data-testid=compare]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_document_against_the_live_state_shows_a_PCR_locked_since()
    {
        // Arrange: a document, then PCR20 extended and locked.
        var outcome = await Services.GetRequiredService<AttestationService>()
            .RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken);
        await Operations.ExtendPcrAsync(20, "after the document"u8.ToArray(), OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(20, OtherOperator, TestContext.Current.CancellationToken);
        var page = RenderPage();
        page.Find("[data-testid=diff-text-a]").Input(outcome.Base64);
        page.FindAll("[data-testid=diff-source-b] .mud-toggle-item").Single(b => b.TextContent.Trim() == "Live state").Click();

        // Act
        page.Find("[data-testid=compare]").Click();

        // Assert
        page.WaitForElement("[data-testid=diff-summary]");
        Assert.Equal("1", page.Find("[data-testid=diff-summary]").GetAttribute("data-count"));
        Assert.Equal("OnlyRight", Row(page, "pcr-20").GetAttribute("data-status"));
        Assert.Equal("NotApplicable", Row(page, "pcr-21").GetAttribute("data-status"));
        Assert.Equal("Same", Row(page, "module_id").GetAttribute("data-status"));
        Assert.Equal("NotApplicable", Row(page, "nonce").GetAttribute("data-status"));
        Assert.Contains("Live state", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_uploaded_raw_document_is_compared_with_a_pasted_one()
    {
        // Arrange
        var page = RenderPage();
        page.FindAll("[data-testid=diff-source-a] .mud-toggle-item").Single(b => b.TextContent.Trim() == "File").Click();
        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromBinary(AwsVectors.Evervault, "evervault.cbor"));
        page.WaitForAssertion(() => Assert.Contains("evervault.cbor (4654 bytes)", page.Markup, StringComparison.Ordinal));
        page.Find("[data-testid=diff-text-b]").Input(Convert.ToBase64String(AwsVectors.Evervault));

        // Act
        page.Find("[data-testid=compare]").Click();

        // Assert
        page.WaitForElement("[data-testid=diff-summary]");
        Assert.Equal("0", page.Find("[data-testid=diff-summary]").GetAttribute("data-count"));
        Assert.Contains("evervault.cbor, read as raw CBOR (4654 bytes)", page.Markup, StringComparison.Ordinal);
    }
}
