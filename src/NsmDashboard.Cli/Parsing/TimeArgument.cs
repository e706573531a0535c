using System.CommandLine;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// Validation times for <c>verify --at</c> and <c>verify-tls --at</c>: ISO 8601 dates and times, read by the
/// attestation library's parser so that the CLI, the API and the pages take the same texts.
/// </summary>
internal static class TimeArgument
{
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

    /// <summary>
    /// <c>verify --at</c>: <c>now</c> (the default), <c>document</c> (the document's own timestamp) or an ISO 8601 time,
    /// the same choices as the dashboard's API (<c>"at"</c>).
    /// </summary>
    public static Option<ValidationTimeRequest?> CreateValidationTimeOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "now|document|TIME",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            switch (text.Trim().ToLowerInvariant())
            {
                case "now":
                    return new ValidationTimeRequest(AtDocumentTime: false, Time: null);
                case "document":
                    return new ValidationTimeRequest(AtDocumentTime: true, Time: null);
            }

            if (TryParse(text, out var value))
            {
                return new ValidationTimeRequest(AtDocumentTime: false, Time: value);
            }

            result.AddError($"{name}: '{text}' is not 'now', 'document' or an ISO 8601 time: use e.g. 2021-10-28T16:00:00Z");
            return null;
        },
    };

    /// <summary>The attestation library's one time parser (<see cref="AttestationValidationTime.TryParseTime"/>).</summary>
    public static bool TryParse(string text, out DateTimeOffset value) => AttestationValidationTime.TryParseTime(text, out value);
}
