using System.Globalization;

namespace NsmDashboard.Attestation;

/// <summary>
/// The instant a document's certificates are checked at, how it was chosen and why
/// (docs/attestation-verification.md#validation-time). There is one default for every surface — <c>nsm verify</c>,
/// <c>POST /api/attestation/verify</c> and the Inspect page: <b>now</b>.
/// </summary>
/// <remarks>
/// Why now: AWS's validation rules check the chain at the current date and time (attestation_process.md §3.2.3.1),
/// and the parent instance, which relays every document, is the adversary — a document it replays from yesterday is
/// genuine and stale. Checking at the document's own time would pass it without a word. So an old document fails by
/// default, and the failure says plainly why and how to check it at its own time (<see cref="ExpiredAdvice"/>), which
/// proves it was authentic when it was issued, not that it is fresh. The same document therefore gets the same
/// verdict and the same validation time from the CLI, the API and the pages.
/// </remarks>
/// <param name="Kind">Now, the document's own timestamp, or a time that was given.</param>
/// <param name="At">The time the certificates are checked at (UTC).</param>
/// <param name="Explanation">One or two sentences saying why this time is used.</param>
public sealed record AttestationValidationTime(AttestationValidationTimeKind Kind, DateTimeOffset At, string Explanation)
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd",
    ];

    /// <summary>The default: the current time.</summary>
    /// <param name="now">The current time (the caller's clock, so that tests and surfaces agree on it).</param>
    public static AttestationValidationTime Now(DateTimeOffset now) => new(
        AttestationValidationTimeKind.Now,
        now.ToUniversalTime(),
        "Now: the certificates are checked at the current time, as AWS prescribes for attestation; "
        + "a document older than its signing certificate (about three hours) fails here, and can be checked at its own time instead.");

    /// <summary>The document's own timestamp: whether it was authentic when the NSM issued it.</summary>
    /// <returns><see langword="false"/> when the document has no usable timestamp.</returns>
    public static bool TryAtDocumentTime(AttestationDocument? document, out AttestationValidationTime time)
    {
        if (document?.Timestamp is not { } timestamp)
        {
            time = null!;
            return false;
        }

        time = new(
            AttestationValidationTimeKind.DocumentTimestamp,
            timestamp,
            $"The document's own timestamp, {Utc(timestamp)}, as asked: this shows whether it was authentic when it was issued, "
            + "not that it is fresh (require an expected nonce or a maximum age for that).");
        return true;
    }

    /// <summary>A time the caller gave.</summary>
    public static AttestationValidationTime Specified(DateTimeOffset at) => new(
        AttestationValidationTimeKind.Specified,
        at.ToUniversalTime(),
        $"Specified: the certificates are checked at {Utc(at)}, the time that was asked for.");

    /// <summary>
    /// When a document failed only because its certificates are out of their validity at the validation time, while
    /// every one of them was valid at the document's own timestamp (an old, genuine document checked now): that in plain
    /// words, with the timestamp to check it at. <see langword="null"/> for any other result.
    /// </summary>
    public static string? ExpiredAdvice(AttestationVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetCheck(AttestationCheckId.Validity).Status != AttestationCheckStatus.Failed
            || result.Document?.Timestamp is not { } timestamp
            || timestamp >= result.ValidationTime
            || result.Certificates.Count == 0
            || !result.Certificates.All(c => c.NotBefore <= timestamp && timestamp <= c.NotAfter))
        {
            return null;
        }

        var leaf = result.Certificates.FirstOrDefault(c => c.Role == AttestationCertificateRole.Leaf) ?? result.Certificates[0];
        return $"Its certificates are not valid at {Utc(result.ValidationTime)}: the signing certificate expired {Utc(leaf.NotAfter)}, "
            + "as every NSM signing certificate does about three hours after it is issued. At the document's own time, "
            + $"{Utc(timestamp)}, every certificate was valid: check it at that time to see whether it was authentic when it was issued "
            + "(that shows authenticity, not freshness).";
    }

    /// <summary>
    /// Reads a validation time the way every surface takes it (<c>nsm verify --at</c>, the API's <c>"at"</c>, the Inspect
    /// page): ISO 8601 — <c>2021-10-28T16:00:00Z</c>, <c>2021-10-28T18:00:00+02:00</c>, <c>2021-10-28T16:00Z</c>,
    /// <c>2021-10-28 16:00:00.123Z</c> or a bare date <c>2021-10-28</c>. Without an offset the time is UTC. Nothing
    /// culture-dependent (<c>10/28/2021</c>) is accepted, so a time reads the same everywhere.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            TimeFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);

    /// <summary>A time as this code prints it everywhere: ISO 8601, UTC, milliseconds (what <c>--at</c> and <c>"at"</c> take back).</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
