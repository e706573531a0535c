namespace NsmDashboard.Web.Hosting.Api;

/// <summary>Limits of the JSON API.</summary>
public static class ApiLimits
{
    /// <summary>
    /// The largest request body the API reads: 64 KiB. The largest meaningful bodies are far below it — an extend
    /// with the most data an NSM request can carry is ~8 KB of hex (docs/nsm-ioctl.md#sizes), an attestation document
    /// ~6.5 KB of base64 or ~9 KB of hex (docs/nsm-ioctl.md#sizes) — so anything bigger is refused before it is parsed.
    /// </summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The longest piece of user input quoted back in a problem's detail.</summary>
    public const int MaxQuotedInput = 40;
}
