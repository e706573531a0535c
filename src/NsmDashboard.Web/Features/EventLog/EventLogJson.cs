using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// The event log as JSON (<see cref="EventLogDocument"/>): export, and import with every member checked, so that a
/// replay of an imported log rests on entries that are at least self-consistent (hex of the right sizes, data that
/// hashes to its recorded SHA-384, sequences ascending).
/// </summary>
public static class EventLogJson
{
    /// <summary>The most entries an import takes (the default capacity of the live log).</summary>
    public const int MaxImportedEntries = PcrEventLogOptions.DefaultCapacity;

    /// <summary>The most extend data one imported entry may carry: an NSM request is at most this long, data and all.</summary>
    public const int MaxImportedEntryDataBytes = Nsm.Protocol.NsmLimits.RequestMaxSize;

    /// <summary>The longest user name an imported entry may carry.</summary>
    public const int MaxImportedUserLength = 256;

    private const int MaxPcrIndex = 31;

    /// <summary>The export of a log.</summary>
    public static EventLogDocument Export(PcrEventLogSnapshot log, int capacity)
    {
        ArgumentNullException.ThrowIfNull(log);
        return new EventLogDocument(
            capacity,
            [.. log.Entries.Select(e => new EventLogEntryDocument(
                e.Sequence, e.Index, e.DataSha384, e.DataLength,
                e.Data is { } data ? Convert.ToHexStringLower(data.Span) : null,
                Convert.ToHexStringLower(e.Before.Span), Convert.ToHexStringLower(e.After.Span), e.User, e.Time, e.DataDropped,
                e.Previous.Length == 0 ? null : e.Previous, e.Hash.Length == 0 ? null : e.Hash))],
            [.. log.Gaps.OrderBy(g => g.Key).Select(g => new EventLogGapDocument(g.Key, g.Value))]);
    }

    /// <summary>Reads an imported log; <paramref name="error"/> names the first member that is wrong.</summary>
    public static bool TryImport(EventLogDocument? document, [NotNullWhen(true)] out PcrEventLogSnapshot? log, [NotNullWhen(false)] out string? error)
    {
        log = null;
        if (document?.Entries is not { } entries)
        {
            error = "The log has no \"entries\" array; import what GET /api/eventlog (or Export on the Event log page) produced.";
            return false;
        }

        if (entries.Count > MaxImportedEntries)
        {
            error = Text($"The log has {entries.Count} entries; at most {MaxImportedEntries} are imported.");
            return false;
        }

        var result = new List<PcrEventLogEntry>(entries.Count);
        long previous = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!TryEntry(entries[i], Text($"entries[{i}]"), previous, out var entry, out error))
            {
                return false;
            }

            result.Add(entry);
            previous = entry.Sequence;
        }

        var gaps = new Dictionary<ushort, long>();
        foreach (var (gap, i) in (document.Gaps ?? []).Select((g, i) => (g, i)))
        {
            if (gap is not { Index: >= 0 and <= MaxPcrIndex, MissingThrough: >= 1 })
            {
                error = Text($"gaps[{i}] needs \"index\" (0–31) and \"missingThrough\" (a sequence number ≥ 1).");
                return false;
            }

            gaps[(ushort)gap.Index.Value] = Math.Max(gap.MissingThrough.Value, gaps.GetValueOrDefault((ushort)gap.Index.Value));
        }

        log = new PcrEventLogSnapshot(result, gaps);
        error = null;
        return true;
    }

    private static bool TryEntry(
        EventLogEntryDocument? source, string at, long previous, [NotNullWhen(true)] out PcrEventLogEntry? entry, [NotNullWhen(false)] out string? error)
    {
        entry = null;
        if (source is null)
        {
            error = $"{at} is null.";
            return false;
        }

        if (source.Sequence is not { } sequence || sequence <= previous)
        {
            error = Text($"{at}.sequence must be a number greater than the previous entry's ({previous}).");
            return false;
        }

        if (source.Index is not (>= 0 and <= MaxPcrIndex))
        {
            error = $"{at}.index must be a PCR index from 0 to 31.";
            return false;
        }

        if (!TryValue(source.Before, $"{at}.before", out var before, out error) || !TryValue(source.After, $"{at}.after", out var after, out error))
        {
            return false;
        }

        if (before.Length != after.Length)
        {
            error = $"{at}: \"before\" and \"after\" have different lengths.";
            return false;
        }

        if (source.DataSha384 is not { Length: 96 } sha || !HexText.TryParse(sha, out _, out _) || source.DataLength is not (>= 0) || source.Time is null)
        {
            error = $"{at} needs \"dataSha384\" (96 hex digits), \"dataLength\" (≥ 0) and \"time\".";
            return false;
        }

        if (source.DataLength > MaxImportedEntryDataBytes || source.Data is { Length: > 2 * MaxImportedEntryDataBytes })
        {
            error = Text($"{at}: an extend carries at most {MaxImportedEntryDataBytes} bytes of data (one NSM request); this entry claims more.");
            return false;
        }

        if (source.User is { Length: > MaxImportedUserLength })
        {
            error = Text($"{at}.user is longer than {MaxImportedUserLength} characters.");
            return false;
        }

        byte[]? data = null;
        if (source.Data is { } hex)
        {
            if (!HexText.TryParse(hex, out data, out var hexError))
            {
                error = $"{at}.data is not hex: {hexError.Message}";
                return false;
            }

            if (data.Length != source.DataLength || !Convert.ToHexStringLower(SHA384.HashData(data)).Equals(sha, StringComparison.OrdinalIgnoreCase))
            {
                error = $"{at}.data does not match its \"dataLength\" and \"dataSha384\": the entry was altered.";
                return false;
            }
        }

        entry = new PcrEventLogEntry(sequence, (ushort)source.Index.Value, sha.ToLowerInvariant(), source.DataLength.Value,
            data is null ? (ReadOnlyMemory<byte>?)null : data, before, after, source.User ?? string.Empty, source.Time.Value)
        {
            DataDropped = data is null && source.DataDropped == true,
        };
        error = null;
        return true;
    }

    private static bool TryValue(string? hex, string at, out byte[] value, [NotNullWhen(false)] out string? error)
    {
        value = [];
        if (hex is null || !HexText.TryParse(hex, out value, out _) || !NsmDigestExtensions.TryFromPcrLength(value.Length, out _))
        {
            error = $"{at} must be a PCR value: 96 hex digits (SHA-384).";
            return false;
        }

        error = null;
        return true;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
