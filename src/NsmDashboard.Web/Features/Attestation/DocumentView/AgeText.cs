using System.Globalization;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>Durations in the words an operator reads at a glance: <c>42 s</c>, <c>3 h 12 min</c>, <c>4 years 2 days</c>.</summary>
public static class AgeText
{
    private const double DaysPerYear = 365.25;

    /// <summary>Formats the magnitude of a duration with its two largest units.</summary>
    public static string Format(TimeSpan span)
    {
        var d = span.Duration();
        if (d < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMilliseconds} ms");
        }

        if (d < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{d.Seconds} s");
        }

        if (d < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{d.Minutes} min {d.Seconds} s");
        }

        if (d < TimeSpan.FromDays(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{d.Hours} h {d.Minutes} min");
        }

        if (d.TotalDays < DaysPerYear)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Plural(d.Days, "day")} {d.Hours} h");
        }

        var years = (int)(d.TotalDays / DaysPerYear);
        var days = (int)(d.TotalDays - (years * DaysPerYear));
        return $"{Plural(years, "year")} {Plural(days, "day")}";
    }

    /// <summary><c>4 years ago</c> for a past time, <c>in 2 h 5 min</c> for a future one, relative to <paramref name="now"/>.</summary>
    public static string Relative(DateTimeOffset time, DateTimeOffset now) =>
        time <= now ? $"{Format(now - time)} ago" : $"in {Format(time - now)}";

    private static string Plural(int count, string unit) =>
        count == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");
}
