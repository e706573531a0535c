using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NsmDashboard.Credentials;

/// <summary>
/// The stored forms of the dashboard's secrets, shared by the dashboard (which verifies) and <c>nsm</c> (which
/// produces them with <c>hash-password</c> and <c>new-token</c>).
/// <list type="bullet">
/// <item>Passwords: PBKDF2-HMAC-SHA256, a random 16-byte salt, at least <see cref="MinPasswordIterations"/>
/// iterations, stored as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>.</item>
/// <item>API tokens: 32 random bytes (256 bits, so a fast hash is enough: nobody can guess through it), stored as
/// <c>sha256$&lt;hex&gt;</c> of the token's UTF-8 text.</item>
/// </list>
/// Comparisons are in constant time.
/// </summary>
public static class CredentialHash
{
    /// <summary>The scheme a stored password hash starts with.</summary>
    public const string PasswordScheme = "pbkdf2-sha256";

    /// <summary>The scheme a stored token hash starts with.</summary>
    public const string TokenScheme = "sha256";

    /// <summary>What every token <see cref="NewToken"/> makes starts with, so that a leaked one is recognisable.</summary>
    public const string TokenPrefix = "nsm_";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; fewer is refused.</summary>
    public const int MinPasswordIterations = 600_000;

    /// <summary>A bound on the work one login may cost (about a minute), so a configured hash cannot hang the server.</summary>
    public const int MaxPasswordIterations = 100_000_000;

    private const int SaltBytes = 16;
    private const int KeyBytes = 32;
    private const int TokenBytes = 32;

    /// <summary>Hashes a password with a fresh salt.</summary>
    public static string HashPassword(string password, int iterations = MinPasswordIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinPasswordIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, KeyBytes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{PasswordScheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    /// <summary>Parses a stored password hash; <paramref name="error"/> says what is wrong without quoting it.</summary>
    /// <param name="text">The stored form, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>.</param>
    /// <param name="hash">The parsed hash, or default on failure.</param>
    /// <param name="error">What is wrong, in words that can follow the setting's name; empty on success.</param>
    public static bool TryParsePasswordHash(string? text, out PasswordHash hash, out string error)
    {
        hash = default;
        var parts = (text ?? string.Empty).Split('$');
        if (parts.Length != 4 || parts[0] != PasswordScheme)
        {
            error = $"is not a password hash; expected {PasswordScheme}$<iterations>$<salt>$<hash> as printed by 'nsm hash-password'";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < MinPasswordIterations || iterations > MaxPasswordIterations)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"must use {MinPasswordIterations} to {MaxPasswordIterations} iterations");
            return false;
        }

        if (!TryBase64(parts[2], out var salt) || salt.Length < SaltBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"needs a salt of at least {SaltBytes} bytes in base64");
            return false;
        }

        if (!TryBase64(parts[3], out var key) || key.Length != KeyBytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"needs a {KeyBytes}-byte hash in base64");
            return false;
        }

        hash = new PasswordHash(iterations, salt, key);
        error = string.Empty;
        return true;
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/> (constant-time comparison).</summary>
    public static bool VerifyPassword(string password, PasswordHash hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, hash.Salt, hash.Iterations, HashAlgorithmName.SHA256, hash.Key.Length);
        return CryptographicOperations.FixedTimeEquals(key, hash.Key);
    }

    /// <summary>A fresh API token: <c>nsm_</c> and 32 random bytes in base64url.</summary>
    public static string NewToken() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token: <c>sha256$&lt;hex&gt;</c>.</summary>
    public static string HashToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return TokenScheme + "$" + Convert.ToHexStringLower(TokenDigest(token));
    }

    /// <summary>Parses a stored token hash into its 32-byte digest.</summary>
    /// <param name="text">The stored form, <c>sha256$&lt;64 hex digits&gt;</c>.</param>
    /// <param name="digest">The digest, or empty on failure.</param>
    /// <param name="error">What is wrong, in words that can follow the setting's name; empty on success.</param>
    public static bool TryParseTokenHash(string? text, out byte[] digest, out string error)
    {
        digest = [];
        var parts = (text ?? string.Empty).Split('$');
        if (parts.Length != 2 || parts[0] != TokenScheme || parts[1].Length != 64)
        {
            error = $"is not a token hash; expected {TokenScheme}$<64 hex digits> as printed by 'nsm new-token'";
            return false;
        }

        try
        {
            digest = Convert.FromHexString(parts[1]);
        }
        catch (FormatException)
        {
            error = $"is not a token hash; expected {TokenScheme}$<64 hex digits> as printed by 'nsm new-token'";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>SHA-256 of the token's UTF-8 text, the value compared against stored digests.</summary>
    public static byte[] TokenDigest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
