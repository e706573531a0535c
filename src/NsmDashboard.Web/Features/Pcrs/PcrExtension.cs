using System.Security.Cryptography;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>The extend operation computed locally, to preview a PCR before anything is sent (docs/pcrs.md#extend).</summary>
public static class PcrExtension
{
    /// <summary>PCR_new = H(PCR_old ‖ data), with H the module's digest (SHA-384 on every real NSM).</summary>
    /// <param name="digest">The digest DescribeNSM reports.</param>
    /// <param name="current">The current PCR value.</param>
    /// <param name="data">The data to extend with.</param>
    /// <returns>The value the PCR will have after the extend.</returns>
    public static byte[] Compute(NsmDigest digest, ReadOnlySpan<byte> current, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(digest switch
        {
            NsmDigest.Sha256 => HashAlgorithmName.SHA256,
            NsmDigest.Sha384 => HashAlgorithmName.SHA384,
            NsmDigest.Sha512 => HashAlgorithmName.SHA512,
            _ => throw new ArgumentOutOfRangeException(nameof(digest), digest, "Unknown digest."),
        });
        hash.AppendData(current);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
