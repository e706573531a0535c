using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>The root <c>verify</c> pins: AWS's by default, a PEM file, or an emulator's CA directory.</summary>
internal static class TrustRoots
{
    /// <exception cref="CliException">The root cannot be read or is not one certificate (exit 2).</exception>
    public static AttestationTrustRoot Load(string? pemFile, string? emulatorDirectory)
    {
        try
        {
            if (pemFile is not null)
            {
                return AttestationTrustRoot.FromPemFile(pemFile);
            }

            return emulatorDirectory is not null
                ? AttestationTrustRoot.FromEmulatorDirectory(emulatorDirectory)
                : AttestationTrustRoot.Aws;
        }
        catch (AttestationTrustRootException e)
        {
            throw CliException.Usage($"{(pemFile is not null ? "--root" : "--emulator-root")}: {e.Message}", e);
        }
    }
}
