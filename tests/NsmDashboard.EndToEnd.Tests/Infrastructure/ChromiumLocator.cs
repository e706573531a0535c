namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Finds the Chromium the browser tests drive. Browsers cannot be downloaded here, so the tests use the
/// distribution's build (<c>apt-get install -y chromium</c>) instead of <c>playwright install</c>.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>Overrides the executable path.</summary>
    public const string ExecutableVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    /// <summary>Debian's Chromium.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The executable to launch: <see cref="ExecutableVariable"/> if set, else <see cref="DefaultExecutable"/>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;

    /// <summary>Whether the tests run under CI (<c>CI=true</c>), where a missing browser is a failure, not a skip.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser cannot be used, or null when it exists.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Chromium was not found at {ExecutablePath}. Install it with 'apt-get update && apt-get install -y chromium' "
          + $"or point {ExecutableVariable} at a Chromium executable. (Browsers are not downloaded: 'playwright install' is not used.)";

    /// <summary>The switches for a headless Chromium in a container: no sandbox, no GPU, no network chatter.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];
}
