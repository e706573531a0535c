using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Emulator;

public sealed partial class EmulatorCertificateAuthority
{
    /// <summary>The root certificate file in a CA directory (PEM <c>CERTIFICATE</c>).</summary>
    public const string RootCertificateFileName = "emulator-root.crt.pem";

    /// <summary>The root key file in a CA directory (PEM PKCS#8 <c>PRIVATE KEY</c>, mode 0600).</summary>
    public const string RootKeyFileName = "emulator-root.key.pem";

    /// <summary>The lock file that serialises emulators creating or loading the root in one directory.</summary>
    public const string LockFileName = "emulator-root.lock";

    // Another emulator may hold the lock while it makes a root (a P-384 key and a signature): wait for it.
    private const int LockRetries = 200;
    private static readonly TimeSpan LockDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads only the root certificate from a CA directory written by an emulator — what a verifier pins
    /// to accept that emulator's documents. The private key is not read.
    /// </summary>
    /// <param name="directory">The emulator's <see cref="NsmEmulatorOptions.CertificateAuthorityDirectory"/>.</param>
    /// <returns>The root certificate; the caller owns (and disposes) it.</returns>
    /// <exception cref="EmulatorCertificateAuthorityException">The file is missing or is not a PEM certificate.</exception>
    public static X509Certificate2 LoadRootCertificate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(Path.GetFullPath(directory), RootCertificateFileName);
        return ReadCertificate(path);
    }

    private static IssuedCertificate LoadOrCreateRoot(string directory, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(directory, RootCertificateFileName);
        var keyPath = Path.Combine(directory, RootKeyFileName);
        using var directoryLock = LockDirectory(directory);
        var hasCertificate = File.Exists(certificatePath);
        var hasKey = File.Exists(keyPath);
        if (hasCertificate && hasKey)
        {
            return LoadRoot(certificatePath, keyPath, now);
        }

        if (!hasCertificate && !hasKey)
        {
            return CreateRoot(directory, certificatePath, keyPath, now);
        }

        // Under the lock nobody is between two writes: one file alone is what a crash or a person left.
        throw new EmulatorCertificateAuthorityException(
            $"The emulator CA directory {directory} holds {(hasKey ? RootKeyFileName : RootCertificateFileName)} "
            + $"without {(hasKey ? RootCertificateFileName : RootKeyFileName)}. Delete the file left alone to make a new root.");
    }

    // An exclusive lock on a file in the directory (flock on Unix, a share lock on Windows), held while the
    // root is checked, made or loaded, so that emulators starting together in several processes or threads
    // agree on one root. Renames alone cannot promise that: without link(2) .NET's non-overwriting move is
    // an exists-check followed by rename(2), and two creators could both "win".
    private static FileStream LockDirectory(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                CreateDirectory(directory);
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < LockRetries)
            {
                Thread.Sleep(LockDelay);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new EmulatorCertificateAuthorityException($"Cannot lock the emulator CA directory {directory}: {ex.Message}", ex);
            }
        }
    }

    private static IssuedCertificate LoadRoot(string certificatePath, string keyPath, DateTimeOffset now)
    {
        var certificate = ReadCertificate(certificatePath);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            certificate.Dispose();
            key.Dispose();
            throw new EmulatorCertificateAuthorityException($"Cannot read the emulator root key {keyPath}: {ex.Message}", ex);
        }

        var problem = CheckRoot(certificate, key, now);
        if (problem is not null)
        {
            certificate.Dispose();
            key.Dispose();
            throw new EmulatorCertificateAuthorityException(
                $"The emulator root in {Path.GetDirectoryName(certificatePath)} cannot be used: {problem}. "
                + $"Delete {RootCertificateFileName} and {RootKeyFileName} there to make a new root, and re-pin it.");
        }

        return new IssuedCertificate(certificate, key);
    }

    private static string? CheckRoot(X509Certificate2 certificate, ECDsa key, DateTimeOffset now)
    {
        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || publicKey.KeySize != 384)
        {
            return "the certificate does not hold a P-384 key";
        }

        if (!publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            return "the key file does not belong to the certificate";
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            return "the certificate is not a CA certificate";
        }

        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        return now.UtcDateTime < notBefore || now.UtcDateTime >= notAfter
            ? $"it is valid {notBefore:u} to {notAfter:u}, not now ({now:u})"
            : null;
    }

    private static IssuedCertificate CreateRoot(string directory, string certificatePath, string keyPath, DateTimeOffset now)
    {
        var root = CertificateIssuer.IssueRoot(RootCommonName, now);
        var suffix = $".{Environment.ProcessId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp";
        var keyTemp = keyPath + suffix;
        var certificateTemp = certificatePath + suffix;
        try
        {
            // Written to temporary names and moved into place, so that a crash never leaves a half-written file.
            WritePrivate(keyTemp, root.Key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certificateTemp, root.Certificate.ExportCertificatePem() + "\n");
            File.Move(keyTemp, keyPath, overwrite: false);
            File.Move(certificateTemp, certificatePath, overwrite: false);
            return root;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            root.Dispose();
            throw new EmulatorCertificateAuthorityException($"Cannot write the emulator root to {directory}: {ex.Message}", ex);
        }
        finally
        {
            DeleteQuietly(keyTemp);
            DeleteQuietly(certificateTemp);
        }
    }

    // Cleanup of temporary files must not hide the error that got us here (e.g. a directory that could not be made).
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean, or nothing we may clean: the caller's outcome stands.
        }
    }

    private static X509Certificate2 ReadCertificate(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new EmulatorCertificateAuthorityException($"Cannot read the emulator root certificate {path}: {ex.Message}", ex);
        }
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            // Only the owner needs the directory: it holds a private key.
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte, never readable by others even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(text);
        writer.Write('\n');
    }
}
