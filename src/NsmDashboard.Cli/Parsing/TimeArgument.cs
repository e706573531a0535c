using System.CommandLine;
using System.Globalization;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Validation times for <c>verify --at</c>: ISO 8601 dates and times (<c>2021-10-28T16:00:00Z</c>,
/// <c>2021-10-28T18:00:00+02:00</c>, <c>2021-10-28T16:00Z</c>, <c>2021-10-28</c>). Without an offset the time is UTC.
/// </summary>
internal static class TimeArgument
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd",
    ];

    public static Option<DateTimeOffset?> CreateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not an ISO 8601 time: use e.g. 2021-10-28T16:00:00Z");
            return null;
        },
    };

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
