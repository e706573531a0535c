using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// Who asked for a mutation: the channel (dashboard or API) and an identifier within it. Every mutation
/// carries one so that authorization and the audit trail have a single place to look (<see cref="NsmOperations"/>).
/// </summary>
/// <param name="Channel">Where the request came from: <see cref="DashboardChannel"/> or <see cref="ApiChannel"/>.</param>
/// <param name="Id">The circuit, connection or client within the channel.</param>
public sealed record NsmCaller(string Channel, string Id)
{
    /// <summary>The signed-in user's name, when there is one.</summary>
    public string? User { get; init; }

    /// <summary>The signed-in user's role, when there is one.</summary>
    public string? Role { get; init; }

    /// <summary>The client's network address (IP, or the vsock CID), when known.</summary>
    public string? Address { get; init; }

    /// <summary>The channel of the interactive dashboard.</summary>
    public const string DashboardChannel = "dashboard";

    /// <summary>The channel of the JSON API.</summary>
    public const string ApiChannel = "api";

    /// <summary>The channel of requests the dashboard makes for itself (<see cref="Server"/>).</summary>
    public const string ServerChannel = "server";

    /// <summary>A caller using the dashboard through one circuit.</summary>
    public static NsmCaller Dashboard(string sessionId) => new(DashboardChannel, sessionId);

    /// <summary>A caller using the JSON API, identified by its remote address.</summary>
    public static NsmCaller Api(string remote) => new(ApiChannel, remote);

    /// <summary>
    /// The dashboard itself, with the Operator role, for requests it makes on its own account and never on a
    /// client's behalf — e.g. an attestation document binding its own TLS certificate, which any visitor may fetch.
    /// Audited like any caller, under <paramref name="purpose"/>.
    /// </summary>
    /// <param name="purpose">What the request is for, recorded as the caller's id (e.g. <c>tls-binding</c>).</param>
    public static NsmCaller Server(string purpose) =>
        new(ServerChannel, purpose) { User = "dashboard", Role = NsmRoles.Operator };

    /// <inheritdoc/>
    public override string ToString() => User is null ? $"{Channel}:{Id}" : $"{User}@{Channel}:{Id}";
}
