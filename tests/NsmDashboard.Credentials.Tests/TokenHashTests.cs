namespace NsmDashboard.Credentials.Tests;

public sealed class TokenHashTests
{
    [Fact]
    public void A_token_is_stored_as_the_SHA256_of_its_text()
    {
        // sha256("nsm_test-token"), computed with Python's hashlib.
        const string Expected = "sha256$49b776b2114d0c4ff6c559a96e9f49a2495462b0f6ad3cd60a35ec71277aff8e";

        Assert.Equal(Expected, CredentialHash.HashToken("nsm_test-token"));
        Assert.True(CredentialHash.TryParseTokenHash(Expected, out var digest, out var error), error);
        Assert.Equal(CredentialHash.TokenDigest("nsm_test-token"), digest);
    }

    [Fact]
    public void New_tokens_are_256_random_bits_in_base64url_after_the_prefix()
    {
        var first = CredentialHash.NewToken();
        var second = CredentialHash.NewToken();

        Assert.NotEqual(first, second);
        Assert.Matches("^nsm_[A-Za-z0-9_-]{43}$", first);
        Assert.True(CredentialHash.TryParseTokenHash(CredentialHash.HashToken(first), out var digest, out _));
        Assert.Equal(32, digest.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256$49b776b2114d0c4ff6c559a96e9f49a2495462b0f6ad3cd60a35ec71277aff8")]
    [InlineData("sha256$49b776b2114d0c4ff6c559a96e9f49a2495462b0f6ad3cd60a35ec71277aff8e0")]
    [InlineData("sha256$zz b776b2114d0c4ff6c559a96e9f49a2495462b0f6ad3cd60a35ec71277aff8e")]
    [InlineData("sha512$49b776b2114d0c4ff6c559a96e9f49a2495462b0f6ad3cd60a35ec71277aff8e")]
    [InlineData("pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$7xdxRO7JQgy8EJPSqLNEqSvFBtDU7JwCjdGfgyTYweY=")]
    public void A_malformed_stored_token_hash_is_refused(string? text)
    {
        Assert.False(CredentialHash.TryParseTokenHash(text, out var digest, out var error));

        Assert.Empty(digest);
        Assert.Contains("is not a token hash", error, StringComparison.Ordinal);
    }
}
