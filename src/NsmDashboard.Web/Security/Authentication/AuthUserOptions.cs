namespace NsmDashboard.Web.Security.Authentication;

/// <summary>A user of the login page (<c>Auth:Users:N</c>).</summary>
public sealed class AuthUserOptions
{
    /// <summary>The name typed on the login page and shown in the audit trail.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><see cref="NsmRoles.Viewer"/> or <see cref="NsmRoles.Operator"/>.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The password's hash as printed by <c>nsm hash-password</c> (<c>pbkdf2-sha256$…</c>).</summary>
    public string PasswordHash { get; set; } = string.Empty;
}
