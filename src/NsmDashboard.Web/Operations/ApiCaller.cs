using System.Security.Claims;

namespace NsmDashboard.Web.Operations;

/// <summary>Who is calling the API, for <see cref="NsmOperations"/>' authorization and audit trail.</summary>
internal static class ApiCaller
{
    /// <summary>
    /// The caller: the signed-in user (or token) and role, named within the API channel by the connection, with the
    /// remote address (<c>vsock</c> connections have no IP and say so).
    /// </summary>
    public static NsmCaller From(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        var user = context.User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        return NsmCaller.Api(address ?? "no-ip:" + context.Connection.Id) with
        {
            User = user,
            Role = user is null ? null : context.User.FindFirst(ClaimTypes.Role)?.Value,
            Address = address,
        };
    }
}
