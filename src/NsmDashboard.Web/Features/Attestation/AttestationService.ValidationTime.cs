using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.Attestation.DocumentView;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// The default validation time (docs/attestation-verification.md#validation-time): now for live documents, the
/// document's own time for old ones.
/// </summary>
public sealed partial class AttestationService
{
    /// <summary>
    /// Chooses the validation time for a document when none was given. AWS says "now" for live attestation; a
    /// replaying verifier may use the document's timestamp (docs/attestation-verification.md#validation-time).
    /// The leaf lives about three hours, so a document whose leaf has expired by now can only fail at "now" — for
    /// it the timestamp is the useful time, and the explanation says that freshness must then come from a nonce or
    /// a maximum age.
    /// </summary>
    public ValidationTimeChoice ChooseValidationTime(AttestationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var now = _time.GetUtcNow();
        if (document.Timestamp is not { } timestamp)
        {
            return Now("Now: the document has no usable timestamp to check it at instead.");
        }

        DateTimeOffset leafNotAfter;
        try
        {
            using var leaf = document.GetCertificate();
            leafNotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is AttestationDecodeException or CryptographicException)
        {
            return Now("Now: the signing certificate cannot be read, so its validity cannot suggest another time.");
        }

        if (leafNotAfter >= now)
        {
            return new ValidationTimeChoice(
                ValidationTimeKind.Now,
                now,
                $"Now: the signing certificate is valid until {Utc(leafNotAfter)}, so the document is checked at the current time, as AWS prescribes for live attestation.");
        }

        return new ValidationTimeChoice(
            ValidationTimeKind.DocumentTimestamp,
            timestamp,
            $"The document's own timestamp: its signing certificate expired {Utc(leafNotAfter)} ({Ago(now - leafNotAfter)}), "
            + "so at the current time it could only fail. This shows the document was authentic when issued, not that it is fresh: "
            + "require an expected nonce, or choose the current time.");
    }

    private ValidationTimeChoice Now(string explanation) => new(ValidationTimeKind.Now, _time.GetUtcNow(), explanation);

    private static ValidationTimeChoice Specified(DateTimeOffset at) =>
        new(ValidationTimeKind.Specified, at.ToUniversalTime(), $"Specified: the certificates are checked at {Utc(at)}, the time that was asked for.");

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Ago(TimeSpan span) => $"{AgeText.Format(span)} ago";
}
