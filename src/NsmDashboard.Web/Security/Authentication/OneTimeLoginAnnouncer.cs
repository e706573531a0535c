using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// Says, once the server listens, how to get in: the one-time operator login URL on an emulator with no identities
/// configured (as Jupyter does), or that a real device with no operators is read-only.
/// </summary>
internal sealed partial class OneTimeLoginAnnouncer(
    DashboardIdentities identities,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<OneTimeLoginAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The login URL for the one-time token on the first address the server listens on.</summary>
    public static string LoginUrl(string address, string token) =>
        address.TrimEnd('/').Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
        + "/login?token=" + Uri.EscapeDataString(token);

    private void Announce()
    {
        if (identities.IsReadOnly)
        {
            LogReadOnly(logger);
            return;
        }

        if (identities.OneTimeToken is not { } token)
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal))
            ?? NsmDashboardApp.DefaultUrl;
        var expires = identities.OneTimeTokenExpires?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        LogOneTimeLogin(logger, LoginUrl(address, token), expires);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No operators are configured and the NSM is emulated: sign in as operator with {LoginUrl} (it works once, until {Expires} UTC; Auth:OneTimeTokenLifetime)")]
    private static partial void LogOneTimeLogin(ILogger logger, string loginUrl, string expires);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No operators are configured: the dashboard is read-only. Add Auth:Users (nsm hash-password) or Auth:ApiTokens (nsm new-token) to extend or lock PCRs.")]
    private static partial void LogReadOnly(ILogger logger);
}
