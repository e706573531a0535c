namespace NsmDashboard.Kms;

/// <summary>
/// The KMS operations that accept a <c>Recipient</c> (an attestation document) and to which the
/// <c>kms:RecipientAttestation:*</c> condition keys apply
/// (https://docs.aws.amazon.com/kms/latest/developerguide/cryptographic-attestation.html).
/// </summary>
public enum KmsOperation
{
    /// <summary><c>kms:Decrypt</c>: the plaintext comes back encrypted to the document's public key.</summary>
    Decrypt,

    /// <summary><c>kms:GenerateDataKey</c>: the plaintext data key comes back encrypted to the document's public key.</summary>
    GenerateDataKey,

    /// <summary><c>kms:GenerateDataKeyPair</c>: the private data key comes back encrypted to the document's public key.</summary>
    GenerateDataKeyPair,

    /// <summary><c>kms:DeriveSharedSecret</c>: the shared secret comes back encrypted to the document's public key.</summary>
    DeriveSharedSecret,

    /// <summary>
    /// <c>kms:GenerateRandom</c>. It uses no KMS key, so KMS authorizes it by IAM policies alone
    /// (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html, "Required permissions:
    /// kms:GenerateRandom (IAM policy)"); in a key policy it has no effect.
    /// </summary>
    GenerateRandom,
}

/// <summary>Names and facts of <see cref="KmsOperation"/>.</summary>
public static class KmsOperations
{
    /// <summary>Every operation that accepts a Recipient, in the order AWS lists them.</summary>
    public static IReadOnlyList<KmsOperation> All { get; } =
        [KmsOperation.Decrypt, KmsOperation.GenerateDataKey, KmsOperation.GenerateDataKeyPair, KmsOperation.DeriveSharedSecret, KmsOperation.GenerateRandom];

    /// <summary>The operations a key policy authorizes (all but GenerateRandom, which uses no key).</summary>
    public static IReadOnlyList<KmsOperation> KeyOperations { get; } =
        [KmsOperation.Decrypt, KmsOperation.GenerateDataKey, KmsOperation.GenerateDataKeyPair, KmsOperation.DeriveSharedSecret];

    /// <summary>The IAM action name, e.g. <c>kms:Decrypt</c>.</summary>
    public static string ActionName(this KmsOperation operation) => operation switch
    {
        KmsOperation.Decrypt => "kms:Decrypt",
        KmsOperation.GenerateDataKey => "kms:GenerateDataKey",
        KmsOperation.GenerateDataKeyPair => "kms:GenerateDataKeyPair",
        KmsOperation.DeriveSharedSecret => "kms:DeriveSharedSecret",
        KmsOperation.GenerateRandom => "kms:GenerateRandom",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Whether a key policy can authorize the operation (GenerateRandom uses no KMS key).</summary>
    public static bool UsesKey(this KmsOperation operation) => operation != KmsOperation.GenerateRandom;
}
