using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NsmDashboard.Web.Tests.Hosting;

// The CI machines have no Docker engine, so the image is never built in CI: these checks keep the Dockerfile in
// step with the projects and with what the enclave needs.
public sealed partial class DockerfileTests
{
    private static readonly string Root = typeof(DockerfileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void The_restore_layer_copies_every_project_the_dashboard_builds_from()
    {
        var projects = ProjectClosure(Path.Combine(Root, "src", "NsmDashboard.Web", "NsmDashboard.Web.csproj"));

        var copied = CopyLines().Matches(Dockerfile).Select(m => m.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);

        // Exactly the dashboard's project graph: a missing project fails the restore, a stale one the COPY.
        Assert.NotEmpty(projects);
        Assert.Equal(projects, copied.Order(StringComparer.Ordinal));
        var restore = Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        var sources = Dockerfile.IndexOf("COPY src/ src/", StringComparison.Ordinal);
        Assert.InRange(restore, 0, sources);
    }

    [Fact]
    public void The_image_runs_the_dashboard_in_device_mode_on_vsock_port_5000_only_as_a_non_root_user()
    {
        Assert.Contains("""CMD ["--vsock-port", "5000", "--Nsm:Mode=device"]""", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("""ENTRYPOINT ["./NsmDashboard.Web"]""", Dockerfile, StringComparison.Ordinal);

        // The .NET base images listen on 8080 unless told otherwise; an enclave has nothing but vsock.
        Assert.Contains("ASPNETCORE_HTTP_PORTS=\"\"", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_URLS", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rig_runs_the_dashboard_with_the_runtime_settings_of_the_image()
    {
        // The runtime reads these only from the environment: the rig's end-to-end run (its memory included) measures the
        // image's dashboard only if it passes the same ones into its VM.
        var image = RuntimeSettings().Matches(Dockerfile).Select(m => m.Value).ToArray();
        var rig = File.ReadAllText(Path.Combine(Root, "tests", "rig", "run-e2e-tests.sh"));
        var imageEnvironment = rig[rig.IndexOf("image_env=(", StringComparison.Ordinal)..];
        imageEnvironment = imageEnvironment[..imageEnvironment.IndexOf(')', StringComparison.Ordinal)];

        Assert.Contains("DOTNET_GCgen0size=0x400000", image);
        Assert.All(image, setting => Assert.Contains("-e " + setting, imageEnvironment, StringComparison.Ordinal));
    }

    // The csproj files NsmDashboard.Web needs to restore, as repository-relative paths.
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var path))
        {
            if (!found.Add(Path.GetRelativePath(Root, path).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include)));
            }
        }

        return found;
    }

    // DOTNET_ settings in the image's ENV, except invariant globalization (the runtimeconfig has it too).
    [GeneratedRegex(@"DOTNET_(?!SYSTEM_GLOBALIZATION_INVARIANT)\w+=\S+")]
    private static partial Regex RuntimeSettings();

    [GeneratedRegex(@"^COPY (?<path>src/\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex CopyLines();
}
