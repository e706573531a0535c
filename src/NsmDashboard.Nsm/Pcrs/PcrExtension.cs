using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Pcrs;

/// <summary>
/// The extend rule of the NSM (docs/pcrs.md#extend): <c>PCR_new = H(PCR_old ‖ data)</c>, where H is the module's
/// digest (SHA-384 on every real NSM). The emulator extends with it, the dashboard previews and replays with it.
/// </summary>
public static class PcrExtension
{
    // Small extends (the usual case: a digest or a short tag) hash from the stack; larger ones rent.
    private const int StackLimit = 512;

    private static readonly byte[] Zero = new byte[NsmDigestExtensions.MaxPcrLength];

    /// <summary>H(<paramref name="current"/> ‖ <paramref name="data"/>), written into <paramref name="destination"/>.</summary>
    /// <param name="digest">The module's digest (DescribeNSM).</param>
    /// <param name="current">The PCR's value.</param>
    /// <param name="data">The data to extend it with.</param>
    /// <param name="destination">At least <see cref="NsmDigestExtensions.PcrLength"/> bytes of <paramref name="digest"/>.</param>
    public static void Compute(NsmDigest digest, ReadOnlySpan<byte> current, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var length = current.Length + data.Length;
        byte[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            current.CopyTo(buffer);
            data.CopyTo(buffer[current.Length..]);
            var input = buffer[..length];
            _ = digest switch
            {
                NsmDigest.Sha256 => SHA256.HashData(input, destination),
                NsmDigest.Sha384 => SHA384.HashData(input, destination),
                NsmDigest.Sha512 => SHA512.HashData(input, destination),
                _ => throw new ArgumentOutOfRangeException(nameof(digest), digest, "Unknown digest."),
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>H(<paramref name="current"/> ‖ <paramref name="data"/>): the value the PCR has after the extend.</summary>
    public static byte[] Compute(NsmDigest digest, ReadOnlySpan<byte> current, ReadOnlySpan<byte> data)
    {
        var result = new byte[digest.PcrLength()];
        Compute(digest, current, data, result);
        return result;
    }

    /// <summary>
    /// One extend of a PCR whose value implies its digest by its length (32, 48 or 64 bytes; anything else is taken
    /// as SHA-384, the digest of every real NSM): how a log of extends is folded without asking the module.
    /// </summary>
    public static byte[] Fold(ReadOnlySpan<byte> current, ReadOnlySpan<byte> data) =>
        Compute(NsmDigestExtensions.TryFromPcrLength(current.Length, out var digest) ? digest : NsmDigest.Sha384, current, data);

    /// <summary>H(0…0 ‖ data): one extend of a zero PCR, as PCR3, PCR4 and PCR8 are computed at boot (SHA-384).</summary>
    public static byte[] FromZero(ReadOnlySpan<byte> data) =>
        Compute(NsmDigest.Sha384, Zero.AsSpan(0, NsmLimits.PcrLength), data);

    /// <summary>H(0…0 ‖ UTF-8(text)): how the NSM measures the role ARN (PCR3) and the instance id (PCR4).</summary>
    public static byte[] FromZero(string text) => FromZero(Encoding.UTF8.GetBytes(text));
}
