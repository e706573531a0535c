namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// Who may sign in, bound from the <c>Auth</c> configuration section. Only hashes are configured: passwords
/// as printed by <c>nsm hash-password</c>, tokens as printed by <c>nsm new-token</c>. With no users and no tokens,
/// the emulator gets a one-time operator token (printed as a login URL) and a real device starts read-only.
/// Validated at startup by <see cref="ValidateAuthOptions"/>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>People who sign in on the login page.</summary>
    public IList<AuthUserOptions> Users { get; } = [];

    /// <summary>Bearer tokens for scripts (<c>Authorization: Bearer …</c>); they never sign a browser in.</summary>
    public IList<AuthTokenOptions> ApiTokens { get; } = [];

    /// <summary>How long a browser session lasts without activity (sliding); 8 hours unless configured.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long the one-time operator token (emulator, no identities configured) may be used after start: 15 minutes
    /// unless configured. It signs in once; after that, or after this, it is refused.
    /// </summary>
    public TimeSpan OneTimeTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often an open dashboard tab checks that its session still stands (not signed out elsewhere, not expired):
    /// 30 seconds unless configured. A tab whose session ended loses its role within this interval and says so.
    /// </summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether any identity is configured.</summary>
    public bool HasIdentities => Users.Count > 0 || ApiTokens.Count > 0;
}
