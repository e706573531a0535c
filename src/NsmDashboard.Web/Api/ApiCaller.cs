using NsmDashboard.Web.Services;

namespace NsmDashboard.Web.Api;

/// <summary>Who is calling the API, for <see cref="NsmOperations"/>' audit lines.</summary>
internal static class ApiCaller
{
    /// <summary>The caller named by its remote address (<c>vsock</c> connections have none and say so).</summary>
    public static NsmCaller From(HttpContext context) =>
        NsmCaller.Api(context.Connection.RemoteIpAddress?.ToString() ?? "no-ip:" + context.Connection.Id);
}
