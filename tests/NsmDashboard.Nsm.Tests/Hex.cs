namespace NsmDashboard.Nsm.Tests;

/// <summary>Hex helpers for test vectors written with spaces, as in docs/nsm-messages.md#hex-vectors.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
