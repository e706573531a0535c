using System.Security.Cryptography;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>Expected PCR values, computed here independently of the app.</summary>
public static class ExpectedPcr
{
    /// <summary>PCR_new = SHA-384(PCR_old ‖ data).</summary>
    public static string Extend(string currentHex, byte[] data) =>
        Convert.ToHexStringLower(SHA384.HashData([.. Convert.FromHexString(currentHex), .. data]));

    /// <summary>The initial value of every free PCR: 48 zero bytes.</summary>
    public static string Zero => new('0', 96);
}
