namespace NsmDashboard.Credentials.Tests;

public sealed class PasswordHashTests
{
    private const string Password = "correct horse battery staple";

    // PBKDF2-HMAC-SHA256, 600 000 iterations, salt 00 01 … 0f, 32 bytes: computed with Python's hashlib.pbkdf2_hmac,
    // an implementation independent of .NET's.
    private const string KnownHash = "pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=";

    [Fact]
    public void A_hash_made_elsewhere_verifies_its_password_and_no_other()
    {
        Assert.True(CredentialHash.TryParsePasswordHash(KnownHash, out var hash, out var error), error);

        Assert.Equal(600_000, hash.Iterations);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), hash.Salt);
        Assert.True(CredentialHash.VerifyPassword(Password, hash));
        Assert.False(CredentialHash.VerifyPassword(Password + " ", hash));
    }

    [Fact]
    public void A_fresh_hash_round_trips_and_two_hashes_of_one_password_differ()
    {
        var first = CredentialHash.HashPassword(Password);
        var second = CredentialHash.HashPassword(Password);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$600000$", first, StringComparison.Ordinal);
        Assert.True(CredentialHash.TryParsePasswordHash(first, out var hash, out _));
        Assert.True(CredentialHash.VerifyPassword(Password, hash));
    }

    [Fact]
    public void Fewer_iterations_than_the_minimum_are_refused_when_hashing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CredentialHash.HashPassword(Password, CredentialHash.MinPasswordIterations - 1));
        Assert.Throws<ArgumentException>(() => CredentialHash.HashPassword(string.Empty));
    }

    [Theory]
    [InlineData(null, "is not a password hash")]
    [InlineData("", "is not a password hash")]
    [InlineData("sha256$600000$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "is not a password hash")]
    [InlineData("pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==", "is not a password hash")]
    [InlineData("pbkdf2-sha256$599999$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "must use 600000 to 100000000 iterations")]
    [InlineData("pbkdf2-sha256$100000001$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "must use 600000 to 100000000 iterations")]
    [InlineData("pbkdf2-sha256$+600000$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "must use 600000 to 100000000 iterations")]
    [InlineData("pbkdf2-sha256$600000$AAECAwQFBgcICQoL$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "needs a salt of at least 16 bytes")]
    [InlineData("pbkdf2-sha256$600000$not*base64$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=", "needs a salt of at least 16 bytes")]
    [InlineData("pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGf", "needs a 32-byte hash")]
    public void A_malformed_stored_hash_is_refused_with_what_is_wrong_and_without_quoting_it(string? text, string expected)
    {
        Assert.False(CredentialHash.TryParsePasswordHash(text, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            Assert.DoesNotContain(text, error, StringComparison.Ordinal);
        }
    }
}
