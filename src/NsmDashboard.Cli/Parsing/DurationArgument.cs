using System.Diagnostics.CodeAnalysis;
using System.CommandLine;
using System.CommandLine.Parsing;
using NsmDashboard.Nsm.Text;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Durations for <c>verify --max-age</c>, read by the one duration parser (<see cref="DurationText"/>: <c>90s</c>,
/// <c>1h30m</c>, plain seconds, ISO 8601 <c>PT5M</c>); a maximum age must be more than zero.
/// </summary>
internal static class DurationArgument
{
    public static Option<TimeSpan?> CreateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration: use e.g. 90s, 5m, 1h, 1h30m, 2d or ISO 8601 (PT5M)");
            return null;
        },
    };

    /// <summary>Parses a duration (<see cref="DurationText.TryParse"/>, the one parser); a maximum age must be positive.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TimeSpan? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = DurationText.TryParse(text, out var parsed) && parsed > TimeSpan.Zero ? parsed : null;
        return value is not null;
    }
}
