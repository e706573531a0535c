using NsmDashboard.Web.Features.Random;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Random;

public sealed class RandomPageTests : NsmDashboardTestContext
{
    [Fact]
    public void Random_shows_256_bytes_as_hex_and_base64_of_the_same_bytes()
    {
        // Arrange
        var page = Render<RandomPage>();

        // Act
        page.Find("[data-testid=get-random]").Click();

        // Assert
        page.WaitForElement("[data-testid=random-result]");
        var hex = page.Find("[data-testid=random-hex]").GetAttribute("data-value")!;
        var base64 = page.Find("[data-testid=random-base64]").GetAttribute("data-value")!;
        Assert.Equal(512, hex.Length);
        Assert.Equal(Convert.FromHexString(hex), Convert.FromBase64String(base64));
        Assert.Equal("256", page.Find("[data-testid=random-length]").TextContent.Trim());
    }
}
