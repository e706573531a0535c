using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// A certificate's validity window drawn as a bar, with the document's timestamp and the validation time marked on
/// it; a time outside the window sits at the nearer end in the error colour and the legend says how far out it is.
/// Each certificate gets its own scale: the root lives 30 years, the leaf 3 hours (docs/attestation-document.md#certificate-chain).
/// </summary>
public partial class ValidityBar
{
    /// <summary>Start of validity (UTC).</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>End of validity (UTC).</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset NotAfter { get; set; }

    /// <summary>The document's timestamp, when it has one.</summary>
    [Parameter]
    public DateTimeOffset? DocumentTime { get; set; }

    /// <summary>The time the certificate was checked at.</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset ValidationTime { get; set; }

    private string AriaLabel =>
        $"Valid from {Utc(NotBefore)} to {Utc(NotAfter)}; validation time {Where(ValidationTime)}"
        + (DocumentTime is { } document ? $"; document timestamp {Where(document)}" : string.Empty);

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private bool IsValidAt(DateTimeOffset time) => time >= NotBefore && time <= NotAfter;

    private string Where(DateTimeOffset time)
    {
        if (time < NotBefore)
        {
            return $"{AgeText.Format(NotBefore - time)} before notBefore";
        }

        return time > NotAfter
            ? $"{AgeText.Format(time - NotAfter)} after notAfter"
            : $"inside ({AgeText.Format(time - NotBefore)} after notBefore)";
    }

    private string Position(DateTimeOffset time)
    {
        var span = (NotAfter - NotBefore).TotalMilliseconds;
        var fraction = span <= 0 ? 0 : (time - NotBefore).TotalMilliseconds / span;
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(fraction, 0, 1) * 100:0.##}%");
    }
}
