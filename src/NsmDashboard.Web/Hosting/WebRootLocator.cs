namespace NsmDashboard.Web.Hosting;

/// <summary>
/// Finds the app's own static files: the repository's top-level <c>wwwroot/</c>, kept out of the static web assets pipeline (see NsmDashboard.Web.csproj).
/// The web project has no <c>wwwroot</c> of its own, because the static web assets pipeline does not
/// serve linked content; these files are served by a plain file provider instead.
/// </summary>
public static class WebRootLocator
{
    /// <summary>The configuration key that overrides the search (<c>--NsmDashboard:WebRoot=/srv/wwwroot</c>).</summary>
    public const string ConfigurationKey = "NsmDashboard:WebRoot";

    /// <summary>The folder name of the web root, at the repository root and beside a published app.</summary>
    public const string FolderName = "wwwroot";

    // A folder holding this file is the repository root: the marker is specific enough not to match
    // some other project's wwwroot found by walking up from an unrelated working directory.
    private static readonly string RepositoryMarker = Path.Combine("src", "NsmDashboard.Web", "NsmDashboard.Web.csproj");

    /// <summary>
    /// Resolves the web root: the configured path (relative to <paramref name="contentRoot"/>); else the
    /// repository's <c>wwwroot</c> found by walking up from <paramref name="contentRoot"/> (running from a
    /// checkout); else <c>wwwroot</c> beside the app in <paramref name="baseDirectory"/> (published).
    /// </summary>
    /// <returns>The full path, or <see langword="null"/> when there is no configuration and nothing is found.</returns>
    public static string? Resolve(string? configured, string contentRoot, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(contentRoot);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FolderName);
            if (File.Exists(Path.Combine(directory.FullName, RepositoryMarker)) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var published = Path.Combine(baseDirectory, FolderName);
        return Directory.Exists(published) ? published : null;
    }
}
