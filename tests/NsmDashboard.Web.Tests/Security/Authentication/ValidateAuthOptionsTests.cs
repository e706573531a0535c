using NsmDashboard.Credentials;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Tests.Security.Authentication;

public sealed class ValidateAuthOptionsTests
{
    private static readonly string GoodToken = CredentialHash.HashToken("nsm_x");

    [Fact]
    public void Valid_identities_pass()
    {
        var options = new AuthOptions();
        options.ApiTokens.Add(new AuthTokenOptions { Name = "ci", Role = "operator", TokenHash = GoodToken });

        Assert.True(new ValidateAuthOptions().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Bad_hashes_unknown_roles_and_duplicate_names_each_give_one_line_naming_the_setting()
    {
        var options = new AuthOptions();
        options.Users.Add(new AuthUserOptions { Name = "ann", Role = "Admin", PasswordHash = "hunter2" });
        options.Users.Add(new AuthUserOptions { Name = "bob", Role = "Viewer", PasswordHash = "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" });
        options.ApiTokens.Add(new AuthTokenOptions { Name = "ANN", Role = "Operator", TokenHash = "sha256$abc" });

        var failures = new ValidateAuthOptions().Validate(null, options).Failures!.ToArray();

        Assert.Equal(
            [
                "Auth:Users:0:Role 'Admin' is not a role; use Viewer or Operator.",
                "Auth:Users:0:PasswordHash is not a password hash; expected pbkdf2-sha256$<iterations>$<salt>$<hash> as printed by 'nsm hash-password'.",
                "Auth:Users:1:PasswordHash must use 600000 to 100000000 iterations.",
                "Auth:ApiTokens:0:Name 'ANN' is used twice; user and token names must be unique.",
                "Auth:ApiTokens:0:TokenHash is not a token hash; expected sha256$<64 hex digits> as printed by 'nsm new-token'.",
            ],
            failures);
        Assert.DoesNotContain(failures, f => f.Contains("hunter2", StringComparison.Ordinal));
    }
}
