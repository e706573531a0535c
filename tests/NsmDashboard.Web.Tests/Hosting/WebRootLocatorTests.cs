using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Tests.Hosting;

public sealed class WebRootLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"webroot-{Guid.NewGuid():N}");

    public WebRootLocatorTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Configuration_wins_and_is_relative_to_the_content_root()
    {
        Assert.Equal(Path.Combine(_root, "static"), WebRootLocator.Resolve("static", _root, "/app"));
    }

    [Fact]
    public void From_a_checkout_the_top_level_wwwroot_is_found_by_walking_up()
    {
        // Arrange: <repo>/src/NsmDashboard.Web/NsmDashboard.Web.csproj and <repo>/wwwroot
        var project = Directory.CreateDirectory(Path.Combine(_root, "src", "NsmDashboard.Web")).FullName;
        File.WriteAllText(Path.Combine(project, "NsmDashboard.Web.csproj"), "<Project />");
        Directory.CreateDirectory(Path.Combine(_root, "wwwroot"));

        // Act + Assert: from the project folder and from the repository root
        Assert.Equal(Path.Combine(_root, "wwwroot"), WebRootLocator.Resolve(null, project, "/nonexistent"));
        Assert.Equal(Path.Combine(_root, "wwwroot"), WebRootLocator.Resolve(null, _root, "/nonexistent"));
    }

    [Fact]
    public void A_wwwroot_of_some_other_project_is_not_taken()
    {
        // Arrange: a folder with a wwwroot but without this repository's marker
        Directory.CreateDirectory(Path.Combine(_root, "wwwroot"));
        var published = Directory.CreateDirectory(Path.Combine(_root, "app", "wwwroot")).Parent!.FullName;

        // Act
        var resolved = WebRootLocator.Resolve(null, _root, published);

        // Assert: falls through to the published layout beside the app
        Assert.Equal(Path.Combine(published, "wwwroot"), resolved);
    }

    [Fact]
    public void Nothing_found_is_null()
    {
        Assert.Null(WebRootLocator.Resolve(null, _root, Path.Combine(_root, "bin")));
    }
}
