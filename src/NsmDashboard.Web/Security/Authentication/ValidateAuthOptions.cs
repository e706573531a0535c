using Microsoft.Extensions.Options;
using NsmDashboard.Credentials;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// Checks the <c>Auth</c> section at startup: a bad hash, an unknown role or a duplicate name stops the app with one
/// line naming the setting, and never quoting the hash.
/// </summary>
public sealed class ValidateAuthOptions : IValidateOptions<AuthOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            var key = $"{AuthOptions.SectionName}:Users:{i}";
            CheckIdentity(key, user.Name, user.Role, names, failures);
            if (!CredentialHash.TryParsePasswordHash(user.PasswordHash, out _, out var error))
            {
                failures.Add($"{key}:PasswordHash {error}.");
            }
        }

        for (var i = 0; i < options.ApiTokens.Count; i++)
        {
            var token = options.ApiTokens[i];
            var key = $"{AuthOptions.SectionName}:ApiTokens:{i}";
            CheckIdentity(key, token.Name, token.Role, names, failures);
            if (!CredentialHash.TryParseTokenHash(token.TokenHash, out _, out var error))
            {
                failures.Add($"{key}:TokenHash {error}.");
            }
        }

        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AuthOptions.SectionName}:SessionIdleTimeout must be positive (e.g. 08:00:00).");
        }

        if (options.OneTimeTokenLifetime <= TimeSpan.Zero || options.OneTimeTokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{AuthOptions.SectionName}:OneTimeTokenLifetime must be positive and at most a day (e.g. 00:15:00).");
        }

        if (options.SessionRevalidationInterval < TimeSpan.FromSeconds(1) || options.SessionRevalidationInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{AuthOptions.SectionName}:SessionRevalidationInterval must be from 1 second to 1 hour (e.g. 00:00:30).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckIdentity(string key, string? name, string? role, HashSet<string> names, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            failures.Add($"{key}:Name is missing.");
        }
        else if (!names.Add(name.Trim()))
        {
            // Users and tokens share one namespace: the audit trail names callers by it.
            failures.Add($"{key}:Name '{name}' is used twice; user and token names must be unique.");
        }

        if (NsmRoles.Normalize(role) is null)
        {
            failures.Add($"{key}:Role '{role}' is not a role; use {NsmRoles.Viewer} or {NsmRoles.Operator}.");
        }
    }
}
