namespace NsmDashboard.Web.Security.Authentication;

/// <summary>Who the caller is signed in as.</summary>
/// <param name="Name">The user or token name.</param>
/// <param name="Role"><c>Viewer</c> or <c>Operator</c>.</param>
/// <param name="Method">How they signed in: <c>password</c>, <c>token</c>, <c>one-time-token</c> or <c>read-only</c>.</param>
/// <param name="AntiforgeryToken">
/// For a browser session (cookie): the token to send as <c>X-CSRF-TOKEN</c> with API mutations; null for bearer tokens,
/// which need none.
/// </param>
public sealed record MeResponse(string Name, string Role, string Method, string? AntiforgeryToken);
