using System.Globalization;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>
/// Two attestation documents, or a document and the live state, compared field by field: the kind (Nitro Enclave
/// or NitroTPM instance; PCRs of different kinds are not compared), module id, digest,
/// timestamp (and the time between them), every PCR, public_key, user_data and nonce (absent, null and empty told
/// apart), the signing certificate and the cabundle entry by entry.
/// </summary>
public sealed partial class DocumentDiff
{
    private DocumentDiff(DiffSide left, DiffSide right)
    {
        Left = left;
        Right = right;
        Module = [CompareKinds(left, right), CompareText("module_id", "module_id", left.ModuleId, right.ModuleId), CompareText("digest", "digest", left.Digest, right.Digest), CompareTimestamps(left, right)];
        Pcrs = ComparePcrs(left, right);
        Fields = left.IsLive || right.IsLive
            ? [NotApplicable("public_key", left, right), NotApplicable("user_data", left, right), NotApplicable("nonce", left, right)]
            : [CompareOptional("public_key", left.PublicKey, right.PublicKey), CompareOptional("user_data", left.UserData, right.UserData), CompareOptional("nonce", left.Nonce, right.Nonce)];
        Certificate = left.IsLive || right.IsLive ? [NotApplicable("certificate", left, right)] : CompareCertificates(left.Certificate, right.Certificate);
        CaBundle = left.IsLive || right.IsLive ? [NotApplicable("cabundle", left, right)] : CompareBundles(left.CaBundle, right.CaBundle);
    }

    /// <summary>Side A.</summary>
    public DiffSide Left { get; }

    /// <summary>Side B.</summary>
    public DiffSide Right { get; }

    /// <summary>The kind, <c>module_id</c>, <c>digest</c> and <c>timestamp</c>.</summary>
    public IReadOnlyList<DiffRow> Module { get; }

    /// <summary>One row per PCR index either side holds, by index.</summary>
    public IReadOnlyList<DiffRow> Pcrs { get; }

    /// <summary><c>public_key</c>, <c>user_data</c> and <c>nonce</c>.</summary>
    public IReadOnlyList<DiffRow> Fields { get; }

    /// <summary>The signing certificate: subject, serial, validity and fingerprint.</summary>
    public IReadOnlyList<DiffRow> Certificate { get; }

    /// <summary>The cabundle: the entry count, then one row per position.</summary>
    public IReadOnlyList<DiffRow> CaBundle { get; }

    /// <summary>Every row, section by section.</summary>
    public IEnumerable<DiffRow> AllRows => Module.Concat(Pcrs).Concat(Fields).Concat(Certificate).Concat(CaBundle);

    /// <summary>The number of rows that differ or exist on one side only.</summary>
    public int DifferenceCount => AllRows.Count(r => r.IsDifference);

    /// <summary>B's timestamp minus A's; <see langword="null"/> when either has none.</summary>
    public TimeSpan? TimestampDelta => Left.Timestamp is { } a && Right.Timestamp is { } b ? b - a : null;

    /// <summary>Compares two sides.</summary>
    public static DocumentDiff Compare(DiffSide left, DiffSide right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new DocumentDiff(left, right);
    }

    /// <summary>A row by its key, or <see langword="null"/>.</summary>
    public DiffRow? Row(string key) => AllRows.FirstOrDefault(r => r.Key == key);

    /// <summary>A duration as people read it: <c>351 d 15 h 56 min 0.059 s</c>, largest unit first.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var d = duration.Duration();
        var parts = new List<string>();
        if (d.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{d.Days} d"));
        }

        if (d.Hours > 0 || parts.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{d.Hours} h"));
        }

        if (d.Minutes > 0 || parts.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{d.Minutes} min"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{d.Seconds + (d.Milliseconds / 1000.0):0.###} s"));
        return string.Join(' ', parts);
    }

    private static DiffRow CompareTimestamps(DiffSide left, DiffSide right)
    {
        var row = CompareText("timestamp", left.IsLive || right.IsLive ? "timestamp (live: read at)" : "timestamp", Time(left.Timestamp), Time(right.Timestamp));
        if (left.Timestamp is not { } a || right.Timestamp is not { } b)
        {
            return row;
        }

        var note = a == b
            ? "Same instant."
            : $"B is {FormatDuration(b - a)} {(b > a ? "later" : "earlier")} than A.";

        // The live side's time is when it was read: it always differs, and says how old the document is.
        return left.IsLive || right.IsLive
            ? row with { Status = DiffStatus.NotApplicable, Note = note }
            : row with { Note = note };
    }

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
}
