namespace NsmDashboard.Kms;

/// <summary>
/// What opening a <c>CiphertextForRecipient</c> showed — never the plaintext: its length and digests, so an
/// operator can compare them with what they expect without the secret ever being displayed.
/// </summary>
/// <param name="PlaintextLength">The plaintext's length in bytes.</param>
/// <param name="PlaintextSha256">SHA-256 of the plaintext, lower-case hex.</param>
/// <param name="PlaintextSha384">SHA-384 of the plaintext, lower-case hex.</param>
/// <param name="KeyEncryptionAlgorithm">The key transport found: <c>RSAES-OAEP with SHA-256</c>.</param>
/// <param name="ContentEncryptionAlgorithm">The content cipher found: <c>AES-256-CBC</c>.</param>
/// <param name="RecipientCount">How many RecipientInfos the envelope carried (KMS sends one).</param>
public sealed record RecipientDecryption(
    int PlaintextLength,
    string PlaintextSha256,
    string PlaintextSha384,
    string KeyEncryptionAlgorithm,
    string ContentEncryptionAlgorithm,
    int RecipientCount);
