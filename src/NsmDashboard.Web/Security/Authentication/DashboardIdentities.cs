using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NsmDashboard.Credentials;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The configured users and tokens, parsed once, and the checks against them. When nothing is configured the
/// mode follows the NSM: on the emulator, a one-time operator token valid for this process
/// (<see cref="OneTimeToken"/>); on a real device, read-only (<see cref="IsReadOnly"/>), where every visitor is an
/// anonymous viewer and every mutation is denied.
/// </summary>
public sealed class DashboardIdentities
{
    /// <summary>The claim saying how the principal signed in (password, token, one-time token, read-only visitor).</summary>
    public const string MethodClaim = "nsm:auth-method";

    /// <summary>The name the one-time token's sessions are recorded under.</summary>
    public const string OneTimeUserName = "one-time-operator";

    /// <summary>The name of the visitor of a read-only dashboard.</summary>
    public const string AnonymousViewerName = "anonymous";

    // Verified when the user name is unknown, so that a wrong name costs as much time as a wrong password.
    private static readonly PasswordHash DecoyHash = new(
        CredentialHash.MinPasswordIterations, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));

    private readonly Dictionary<string, (string Name, string Role, PasswordHash Hash)> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Role, byte[] Digest)> _tokens = [];
    private readonly byte[]? _oneTimeDigest;

    /// <summary>Parses the validated options; the transport decides what happens when none are configured.</summary>
    public DashboardIdentities(IOptions<AuthOptions> options, INsmTransport transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        var auth = options.Value;
        foreach (var user in auth.Users)
        {
            if (CredentialHash.TryParsePasswordHash(user.PasswordHash, out var hash, out _) && NsmRoles.Normalize(user.Role) is { } role)
            {
                _users[user.Name.Trim()] = (user.Name.Trim(), role, hash);
            }
        }

        foreach (var token in auth.ApiTokens)
        {
            if (CredentialHash.TryParseTokenHash(token.TokenHash, out var digest, out _) && NsmRoles.Normalize(token.Role) is { } role)
            {
                _tokens.Add((token.Name.Trim(), role, digest));
            }
        }

        if (!auth.HasIdentities)
        {
            if (transport.Kind == NsmTransportKind.Emulator)
            {
                OneTimeToken = CredentialHash.NewToken();
                _oneTimeDigest = CredentialHash.TokenDigest(OneTimeToken);
            }
            else
            {
                IsReadOnly = true;
            }
        }
    }

    /// <summary>The operator token generated for this process when the emulator runs with no identities; otherwise null.</summary>
    public string? OneTimeToken { get; }

    /// <summary>True on a real device with no identities: nobody may change anything.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Checks a user name and password; returns the principal, or null (after the same work) when they do not match.</summary>
    public ClaimsPrincipal? ValidatePassword(string? name, string? password, string authenticationType)
    {
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (name is not null && _users.TryGetValue(name.Trim(), out var user))
        {
            return CredentialHash.VerifyPassword(password, user.Hash) ? Principal(user.Name, user.Role, "password", authenticationType) : null;
        }

        _ = CredentialHash.VerifyPassword(password, DecoyHash);
        return null;
    }

    /// <summary>Checks an API token (or the one-time token); returns the principal or null.</summary>
    public ClaimsPrincipal? ValidateToken(string? token, string authenticationType)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var digest = CredentialHash.TokenDigest(token);
        if (_oneTimeDigest is not null && CryptographicOperations.FixedTimeEquals(digest, _oneTimeDigest))
        {
            return Principal(OneTimeUserName, NsmRoles.Operator, "one-time-token", authenticationType);
        }

        // Every entry is compared, so the time taken does not say which token (if any) matched.
        (string Name, string Role)? match = null;
        foreach (var entry in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, entry.Digest))
            {
                match = (entry.Name, entry.Role);
            }
        }

        return match is { } found ? Principal(found.Name, found.Role, "token", authenticationType) : null;
    }

    /// <summary>The visitor of a read-only dashboard: an anonymous viewer.</summary>
    public static ClaimsPrincipal ReadOnlyVisitor(string authenticationType) =>
        Principal(AnonymousViewerName, NsmRoles.Viewer, "read-only", authenticationType);

    private static ClaimsPrincipal Principal(string name, string role, string method, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method)],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
}
