namespace NsmDashboard.Nsm.Protocol;

/// <summary>The digest the NSM uses for PCRs; on the wire the text of its name. Real NSMs report <see cref="Sha384"/>.</summary>
public enum NsmDigest
{
    /// <summary>SHA-256 (32-byte PCRs).</summary>
    Sha256,

    /// <summary>SHA-384 (48-byte PCRs); the only digest real NSMs use.</summary>
    Sha384,

    /// <summary>SHA-512 (64-byte PCRs).</summary>
    Sha512,
}

/// <summary>Wire names and sizes of <see cref="NsmDigest"/>.</summary>
public static class NsmDigestExtensions
{
    /// <summary>The text that stands for the digest on the wire: <c>"SHA256"</c>, <c>"SHA384"</c> or <c>"SHA512"</c>.</summary>
    public static string ToWireName(this NsmDigest digest) => digest switch
    {
        NsmDigest.Sha256 => "SHA256",
        NsmDigest.Sha384 => "SHA384",
        NsmDigest.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(digest), digest, "Unknown digest."),
    };

    /// <summary>The longest PCR any digest gives (SHA-512).</summary>
    public const int MaxPcrLength = 64;

    /// <summary>The length in bytes of one PCR under this digest.</summary>
    public static int PcrLength(this NsmDigest digest) => digest switch
    {
        NsmDigest.Sha256 => 32,
        NsmDigest.Sha384 => NsmLimits.PcrLength,
        NsmDigest.Sha512 => MaxPcrLength,
        _ => throw new ArgumentOutOfRangeException(nameof(digest), digest, "Unknown digest."),
    };

    /// <summary>Whether <paramref name="length"/> is the PCR length of a digest (32, 48 or 64 bytes), and which.</summary>
    public static bool TryFromPcrLength(int length, out NsmDigest digest)
    {
        foreach (var candidate in (ReadOnlySpan<NsmDigest>)[NsmDigest.Sha384, NsmDigest.Sha256, NsmDigest.Sha512])
        {
            if (candidate.PcrLength() == length)
            {
                digest = candidate;
                return true;
            }
        }

        digest = default;
        return false;
    }

    /// <summary>Parses a wire name; <see langword="false"/> for anything else.</summary>
    public static bool TryParseWireName(string? text, out NsmDigest digest)
    {
        switch (text)
        {
            case "SHA256": digest = NsmDigest.Sha256; return true;
            case "SHA384": digest = NsmDigest.Sha384; return true;
            case "SHA512": digest = NsmDigest.Sha512; return true;
            default: digest = default; return false;
        }
    }
}
