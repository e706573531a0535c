using System.Globalization;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>Where the sandbox starts from: zeros (every PCR's value at boot), a typed value, or a live PCR.</summary>
public enum SandboxStartKind
{
    /// <summary>48 zero bytes.</summary>
    Zeros,

    /// <summary>A value typed as hex.</summary>
    Hex,

    /// <summary>A live PCR's current value, read through DescribePCR.</summary>
    LivePcr,
}

/// <summary>Parses a typed start value: exactly one SHA-384 PCR (48 bytes).</summary>
public static class SandboxStart
{
    /// <summary>The length of a PCR under SHA-384, the digest of every real NSM.</summary>
    public static int PcrLength { get; } = NsmDigest.Sha384.PcrLength();

    /// <summary>48 zero bytes: the value every PCR starts with.</summary>
    public static ReadOnlyMemory<byte> Zeros { get; } = new byte[NsmDigest.Sha384.PcrLength()];

    /// <summary>Reads a start value typed as hex.</summary>
    /// <param name="text">The hex (white space, colons and one 0x are ignored).</param>
    /// <param name="value">The 48 bytes, on success.</param>
    /// <param name="error">Why the text is not a PCR value; <see langword="null"/> on success.</param>
    public static bool TryParse(string? text, out byte[] value, out string? error)
    {
        value = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Enter {PcrLength} bytes ({PcrLength * 2} hex digits).");
            return false;
        }

        if (!HexText.TryParse(text, out var bytes, out var hexError))
        {
            error = hexError.Message;
            return false;
        }

        if (bytes.Length != PcrLength)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"{bytes.Length} {(bytes.Length == 1 ? "byte" : "bytes")}: a SHA-384 PCR is exactly {PcrLength} bytes ({PcrLength * 2} hex digits).");
            return false;
        }

        value = bytes;
        error = null;
        return true;
    }
}
