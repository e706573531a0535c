using System.Security.Cryptography;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// Reads <c>attest --public-key FILE</c>. The NSM binds whatever bytes it is given; by convention they are
/// the DER of a SubjectPublicKeyInfo, so a PEM file (<c>-----BEGIN PUBLIC KEY-----</c>) is sent as its DER,
/// and any other file as its raw bytes.
/// </summary>
internal static class PublicKeyFile
{
    /// <exception cref="CliException">The file cannot be read, or its PEM block is not base64 (exit 2).</exception>
    public static byte[] Read(string path)
    {
        var bytes = InputFiles.ReadAllBytes(path, "--public-key");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (!text.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return bytes;
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw CliException.Usage($"--public-key {path}: the file looks like PEM but has no complete PEM block");
        }

        var der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written)
            ? der[..written]
            : throw CliException.Usage($"--public-key {path}: the PEM block is not valid base64");
    }
}
