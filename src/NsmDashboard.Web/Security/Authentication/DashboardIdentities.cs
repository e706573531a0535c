using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NsmDashboard.Credentials;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The configured users and tokens, parsed once, and the checks against them. When nothing is configured the
/// mode follows the NSM: on the emulator, a one-time operator token (<see cref="OneTimeToken"/>) that signs one
/// browser in, once, within <see cref="AuthOptions.OneTimeTokenLifetime"/>; on a real device, read-only
/// (<see cref="IsReadOnly"/>), where every visitor is an anonymous viewer and every mutation is denied. API tokens are
/// for <c>Authorization: Bearer</c> only: a token in a URL ends up in browser history and proxy logs, and a link that
/// signs in lets another site sign a victim into an account of its choosing.
/// </summary>
public sealed class DashboardIdentities
{
    /// <summary>The claim saying how the principal signed in (password, token, one-time token, read-only visitor).</summary>
    public const string MethodClaim = "nsm:auth-method";

    /// <summary>The name the one-time token's sessions are recorded under.</summary>
    public const string OneTimeUserName = "one-time-operator";

    /// <summary>The name of the visitor of a read-only dashboard.</summary>
    public const string AnonymousViewerName = "anonymous";

    /// <summary>The <see cref="MethodClaim"/> of the read-only visitor.</summary>
    public const string ReadOnlyMethod = "read-only";

    // Verified when the user name is unknown, so that a wrong name costs as much time as a wrong password.
    private static readonly PasswordHash DecoyHash = new(
        CredentialHash.MinPasswordIterations, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));

    private readonly Dictionary<string, (string Name, string Role, PasswordHash Hash)> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string Role, byte[] Digest)> _tokens = [];
    private readonly byte[]? _oneTimeDigest;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _oneTimeGate = new();
    private bool _oneTimeUsed;

    /// <summary>Parses the validated options; the transport decides what happens when none are configured.</summary>
    public DashboardIdentities(IOptions<AuthOptions> options, INsmTransport transport)
        : this(options, transport, TimeProvider.System)
    {
    }

    /// <summary>Parses the validated options, with the clock the one-time token expires by.</summary>
    public DashboardIdentities(IOptions<AuthOptions> options, INsmTransport transport, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
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
                OneTimeTokenExpires = timeProvider.GetUtcNow() + auth.OneTimeTokenLifetime;
            }
            else
            {
                IsReadOnly = true;
            }
        }
    }

    /// <summary>The operator token generated for this process when the emulator runs with no identities; otherwise null.</summary>
    public string? OneTimeToken { get; }

    /// <summary>When the one-time token stops being accepted; null when there is none.</summary>
    public DateTimeOffset? OneTimeTokenExpires { get; }

    /// <summary>Whether the one-time token can still sign someone in (it exists, is unused and has not expired).</summary>
    public bool OneTimeTokenPending
    {
        get
        {
            lock (_oneTimeGate)
            {
                return _oneTimeDigest is not null && !_oneTimeUsed && _timeProvider.GetUtcNow() <= OneTimeTokenExpires;
            }
        }
    }

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

    /// <summary>
    /// Signs in with the one-time token: the first valid use wins and consumes it; later uses, and any use after
    /// <see cref="OneTimeTokenExpires"/>, are refused. Returns the principal, or null with the reason.
    /// </summary>
    public ClaimsPrincipal? SignInWithOneTimeToken(string? token, string authenticationType, out string failure)
    {
        failure = "That is not this dashboard's one-time token. API tokens do not sign a browser in: send them as "
            + "Authorization: Bearer from scripts, and sign in here with a user name and password.";
        if (string.IsNullOrEmpty(token) || _oneTimeDigest is null)
        {
            return null;
        }

        var digest = CredentialHash.TokenDigest(token);
        if (!CryptographicOperations.FixedTimeEquals(digest, _oneTimeDigest))
        {
            return null;
        }

        lock (_oneTimeGate)
        {
            if (_oneTimeUsed)
            {
                failure = "That one-time token has been used: it signs in once. Restart the dashboard for a new one, or configure Auth:Users.";
                return null;
            }

            if (_timeProvider.GetUtcNow() > OneTimeTokenExpires)
            {
                failure = $"That one-time token expired at {OneTimeTokenExpires:HH:mm:ss} UTC (Auth:OneTimeTokenLifetime). Restart the dashboard for a new one, or configure Auth:Users.";
                return null;
            }

            _oneTimeUsed = true;
        }

        return Principal(OneTimeUserName, NsmRoles.Operator, "one-time-token", authenticationType);
    }

    /// <summary>Checks an API token (bearer only; the one-time token is not one); returns the principal or null.</summary>
    public ClaimsPrincipal? ValidateToken(string? token, string authenticationType)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var digest = CredentialHash.TokenDigest(token);

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
        Principal(AnonymousViewerName, NsmRoles.Viewer, ReadOnlyMethod, authenticationType);

    private static ClaimsPrincipal Principal(string name, string role, string method, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(MethodClaim, method)],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role));
}
