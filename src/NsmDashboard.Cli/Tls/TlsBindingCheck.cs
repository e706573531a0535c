using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// One check that the attestation document is bound to the certificate served on the connection it came over
/// (docs/tls-binding.md#binding): its <c>public_key</c> is that certificate's SubjectPublicKeyInfo, its <c>user_data</c> the SHA-384 of
/// that certificate's DER. Either failing means another party holds the TLS session: a relay that terminates TLS.
/// </summary>
internal sealed record TlsBindingCheck(string Id, string Name, bool Passed, string Evidence)
{
    /// <summary>The name of the public_key check.</summary>
    public const string PublicKeyName = "public_key is the served certificate's key";

    /// <summary>The name of the user_data check.</summary>
    public const string UserDataName = "user_data is SHA-384 of the served certificate";

    /// <summary>Both checks for a document (null when it did not decode) and the served certificate's DER and SPKI.</summary>
    public static IReadOnlyList<TlsBindingCheck> Evaluate(AttestationDocument? document, ReadOnlySpan<byte> certificateDer, ReadOnlySpan<byte> spki)
    {
        var certificateHash = SHA384.HashData(certificateDer);
        return
        [
            Compare("public_key", PublicKeyName, document?.PublicKey, spki, "the served certificate's SubjectPublicKeyInfo"),
            Compare("user_data", UserDataName, document?.UserData, certificateHash, "SHA-384 of the served certificate"),
        ];
    }

    private static TlsBindingCheck Compare(string id, string name, OptionalBytes? field, ReadOnlySpan<byte> expected, string what)
    {
        var expectedText = $"{what} is {Describe(expected)}";
        if (field is not { } value)
        {
            return new TlsBindingCheck(id, name, false, $"not checked: the document did not decode; {expectedText}");
        }

        if (!value.TryGetBytes(out var bytes))
        {
            return new TlsBindingCheck(id, name, false, $"the document has no {id}; {expectedText}");
        }

        return bytes.Span.SequenceEqual(expected)
            ? new TlsBindingCheck(id, name, true, $"{id} equals {what} ({Describe(expected)})")
            : new TlsBindingCheck(
                id,
                name,
                false,
                $"{id} is {Describe(bytes.Span)}, but {expectedText}: the document binds another certificate, so this connection does not end in the attested enclave (a TLS-terminating relay?)");
    }

    private static string Describe(ReadOnlySpan<byte> bytes) => bytes.Length == SHA384.HashSizeInBytes
        ? Convert.ToHexStringLower(bytes)
        : string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes with SHA-384 {Convert.ToHexStringLower(SHA384.HashData(bytes))}");
}
