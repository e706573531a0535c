using NsmDashboard.Credentials;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>
/// The identities every <see cref="ApiFactory"/> configures: an operator and a viewer token, and an operator and a
/// viewer user with passwords (for the login form). Only their hashes go into the configuration, as in production.
/// </summary>
public static class TestIdentities
{
    public const string OperatorTokenName = "test-operator-token";
    public const string OperatorToken = "nsm_test-operator-0123456789abcdefghijklmnopqrstuv";
    public const string ViewerTokenName = "test-viewer-token";
    public const string ViewerToken = "nsm_test-viewer-0123456789abcdefghijklmnopqrstuvwx";
    public const string OperatorUser = "olivia";
    public const string ViewerUser = "victor";
    public const string Password = "correct horse battery staple";

    // PBKDF2 at 600 000 iterations takes a noticeable fraction of a second: hash once per test process.
    private static readonly Lazy<string> PasswordHash = new(() => CredentialHash.HashPassword(Password));

    /// <summary>The <c>Auth</c> section with these identities, as configuration keys.</summary>
    public static IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Auth:ApiTokens:0:Name"] = OperatorTokenName,
        ["Auth:ApiTokens:0:Role"] = "Operator",
        ["Auth:ApiTokens:0:TokenHash"] = CredentialHash.HashToken(OperatorToken),
        ["Auth:ApiTokens:1:Name"] = ViewerTokenName,
        ["Auth:ApiTokens:1:Role"] = "Viewer",
        ["Auth:ApiTokens:1:TokenHash"] = CredentialHash.HashToken(ViewerToken),
        ["Auth:Users:0:Name"] = OperatorUser,
        ["Auth:Users:0:Role"] = "Operator",
        ["Auth:Users:0:PasswordHash"] = PasswordHash.Value,
        ["Auth:Users:1:Name"] = ViewerUser,
        ["Auth:Users:1:Role"] = "Viewer",
        ["Auth:Users:1:PasswordHash"] = PasswordHash.Value,
    };
}
