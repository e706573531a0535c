using System.Security.Cryptography;
using System.Text;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>PCR values the tests compute themselves (docs/pcrs.md#extend: PCR_new = SHA384(PCR_old ‖ data)).</summary>
public static class ExpectedPcr
{
    /// <summary>SHA384(0⁴⁸ ‖ data): a never-extended PCR after one extend.</summary>
    public static string ExtendFromZero(byte[] data) => Extend(new byte[48], data);

    /// <summary>SHA384(0⁴⁸ ‖ UTF-8(text)).</summary>
    public static string ExtendFromZero(string text) => ExtendFromZero(Encoding.UTF8.GetBytes(text));

    /// <summary>SHA384(current ‖ data) as lowercase hex.</summary>
    public static string Extend(byte[] current, byte[] data) =>
        Convert.ToHexStringLower(SHA384.HashData([.. current, .. data]));
}
