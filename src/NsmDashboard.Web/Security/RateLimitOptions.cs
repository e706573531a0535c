namespace NsmDashboard.Web.Security;

/// <summary>
/// Request rates allowed per minute, bound from the <c>RateLimits</c> section: per signed-in user (or per client
/// address when nobody is signed in). Over the limit the API answers 429 with a <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Extends and locks per user per minute.</summary>
    public int MutationsPerMinute { get; set; } = 60;

    /// <summary>Attestation requests per user per minute.</summary>
    public int AttestationsPerMinute { get; set; } = 120;

    /// <summary>Login attempts per client address per minute (each costs a slow password hash).</summary>
    public int LoginsPerMinute { get; set; } = 10;
}
