using System.Security.Cryptography;

namespace NsmDashboard.Cli.Tests;

/// <summary>Hex helpers for vectors written with spaces, as in docs/nsm-messages.md#hex-vectors.</summary>
internal static class Hex
{
    public static string Compact(string hex) => hex.Replace(" ", string.Empty, StringComparison.Ordinal);

    public static byte[] Bytes(string hex) => Convert.FromHexString(Compact(hex));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Zeros(int count) => new('0', count * 2);

    /// <summary>An independent model of ExtendPCR: SHA-384(old ‖ data) (docs/pcrs.md#extend).</summary>
    public static byte[] Extend(ReadOnlySpan<byte> old, ReadOnlySpan<byte> data) => SHA384.HashData([.. old, .. data]);
}
