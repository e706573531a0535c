namespace NsmDashboard.Kms;

/// <summary>A pasted <c>CiphertextForRecipient</c> cannot be opened; <see cref="Failure"/> says why.</summary>
public sealed class RecipientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecipientException(RecipientFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why the envelope cannot be opened.</summary>
    public RecipientFailure Failure { get; }
}

/// <summary>Why a <c>CiphertextForRecipient</c> cannot be opened.</summary>
public enum RecipientFailure
{
    /// <summary>Empty, too large, or not base64.</summary>
    NotBase64,

    /// <summary>Base64, but not a CMS EnvelopedData (RFC 5652 §6).</summary>
    NotEnvelopedData,

    /// <summary>An EnvelopedData, but not with the algorithms KMS uses (RSAES-OAEP-SHA-256 key transport, AES-256-CBC content).</summary>
    UnexpectedAlgorithm,

    /// <summary>It does not open with this key pair: made for another public key, or damaged.</summary>
    NotForThisKey,

    /// <summary>The key pair was disposed (the session that made it ended).</summary>
    KeyPairDisposed,
}
