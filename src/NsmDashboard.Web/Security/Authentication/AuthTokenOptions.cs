namespace NsmDashboard.Web.Security.Authentication;

/// <summary>An API token (<c>Auth:ApiTokens:N</c>).</summary>
public sealed class AuthTokenOptions
{
    /// <summary>The name the token's requests are recorded under in the audit trail.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><see cref="NsmRoles.Viewer"/> or <see cref="NsmRoles.Operator"/>.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The token's hash as printed by <c>nsm new-token</c> (<c>sha256$…</c>).</summary>
    public string TokenHash { get; set; } = string.Empty;
}
