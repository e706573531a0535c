using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NsmDashboard.Evidence.Chain;

/// <summary>Times in trails: UTC to the millisecond, one spelling (<c>2026-05-01T10:00:00.123Z</c>), so that a record re-serialises to the same bytes.</summary>
public static class EvidenceTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The time as a trail writes it.</summary>
    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The time truncated to what a trail keeps (milliseconds, UTC).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Parses a trail time; only the exact spelling is accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
