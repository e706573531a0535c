using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>The SHA-384 PCR arithmetic of a Nitro NSM (docs/pcrs.md#extend).</summary>
internal static class PcrMath
{
    /// <summary>The length of a PCR: SHA-384 gives 48 bytes.</summary>
    public const int PcrLength = 48;

    // Small extends (the usual case: a digest or a short tag) hash from the stack; larger ones rent.
    private const int StackLimit = 512;

    private static readonly byte[] Zero = new byte[PcrLength];

    /// <summary>PCR_new = SHA384(PCR_old ‖ data), written into <paramref name="destination"/> (48 bytes).</summary>
    public static void Extend(ReadOnlySpan<byte> current, ReadOnlySpan<byte> data, Span<byte> destination)
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
            SHA384.HashData(buffer[..length], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SHA384(0^48 ‖ data): one extend of a zero PCR, as PCR3/PCR4/PCR8 are computed at boot.</summary>
    public static byte[] ExtendFromZero(ReadOnlySpan<byte> data)
    {
        var result = new byte[PcrLength];
        Extend(Zero, data, result);
        return result;
    }

    /// <summary>SHA384(0^48 ‖ UTF-8(text)): how the NSM measures the role ARN (PCR3) and instance id (PCR4).</summary>
    public static byte[] ExtendFromZero(string text) => ExtendFromZero(Encoding.UTF8.GetBytes(text));
}
