namespace NsmDashboard.Credentials;

/// <summary>A parsed <c>pbkdf2-sha256</c> hash (<see cref="CredentialHash.TryParsePasswordHash"/>).</summary>
/// <param name="Iterations">The PBKDF2 iteration count.</param>
/// <param name="Salt">The salt.</param>
/// <param name="Key">The derived key the password must reproduce.</param>
public readonly record struct PasswordHash(int Iterations, byte[] Salt, byte[] Key);
