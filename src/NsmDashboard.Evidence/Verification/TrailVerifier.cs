using System.Globalization;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Evidence.Verification;

/// <summary>
/// Verifies a trail line by line (docs/audit-trail.md, "Verifying"): every record hashes to its <c>hash</c> and links
/// to the one before; sequence numbers neither skip nor repeat; data matches its digest; gaps continue the chain and
/// are explained by the records' lost runs; every checkpoint is a valid attestation document whose head is the
/// file's record at that sequence. Stops at the first break and names the first bad sequence number. Feed it the
/// lines of a file (and, for <c>nsm audit pull</c>, each new line before it is appended), then <see cref="Complete"/>.
/// </summary>
public sealed partial class TrailVerifier
{
    private readonly CheckpointVerifier _checkpoints;
    private readonly ITrailObserver? _observer;
    private readonly List<TrailChainState> _chains = [];
    private readonly List<string> _notes = [];
    private readonly List<(ReadOnlyMemory<byte> Document, string Source)> _given = [];
    private readonly bool _partial;
    private TrailChainState? _current;

    /// <summary>A verifier that checks checkpoints with <paramref name="checkpoints"/>.</summary>
    /// <param name="checkpoints">Verifies checkpoint documents (the pinned root).</param>
    /// <param name="observer">Sees every verified record (the event-log replay).</param>
    /// <param name="partial">
    /// Whether the file may begin mid-chain, without its genesis: a segment exported from a cursor. Otherwise a file
    /// must begin at a genesis, and one that does not has lost its first lines.
    /// </param>
    public TrailVerifier(CheckpointVerifier checkpoints, ITrailObserver? observer = null, bool partial = false)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _checkpoints = checkpoints;
        _observer = observer;
        _partial = partial;
    }

    /// <summary>The stream of the file (from its first line).</summary>
    public EvidenceLog? Stream { get; private set; }

    /// <summary>Lines read so far.</summary>
    public long Lines { get; private set; }

    /// <summary>The first break; once set, every further line is refused.</summary>
    public TrailProblem? Problem { get; private set; }

    /// <summary>The id of the chain being read (its genesis hash); null before any line, or mid-chain before a checkpoint names it.</summary>
    public EvidenceHash? CurrentChainId => _current?.ChainId;

    /// <summary>The last sequence number of the chain being read; -1 before any record.</summary>
    public long CurrentSequence => _current?.LastSequence ?? -1;

    /// <summary>The highest sequence number of the chain being read that a checkpoint proves; null when none does.</summary>
    public long? CurrentProvenThrough =>
        _current?.Checkpoints.Where(c => c.Proves).Select(c => (long?)c.Checkpoint.Sequence).Max();

    /// <summary>
    /// Reads one line (without its <c>\n</c>). Blank lines are skipped. Returns false when the line breaks the trail
    /// (see <see cref="Problem"/>), or a break was found before.
    /// </summary>
    public bool Feed(ReadOnlySpan<byte> line)
    {
        if (Problem is not null)
        {
            return false;
        }

        Lines++;
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return true;
        }

        EvidenceObject value;
        try
        {
            value = EvidenceJson.ParseObject(line);
        }
        catch (EvidenceFormatException e)
        {
            return Fail(TrailProblemKind.Malformed, Expected, $"line {Lines} is not a trail line: {e.Message}");
        }

        if (!value.TryGetValue(TrailMembers.Version, out var version) || !version.TryGetInteger(out var number) || number != TrailMembers.CurrentVersion)
        {
            return Fail(TrailProblemKind.Malformed, Expected, $"line {Lines} has no \"v\": {TrailMembers.CurrentVersion} (this verifier reads format version {TrailMembers.CurrentVersion})");
        }

        if (!TrailFields.TryGetStream(value, out var stream, out var problem) || !TrailFields.TryGetString(value, TrailMembers.Type, out var type, out problem))
        {
            return Fail(TrailProblemKind.Malformed, Expected, $"line {Lines}: {problem}");
        }

        Stream ??= stream;
        if (stream != Stream)
        {
            return Fail(TrailProblemKind.StreamMismatch, Expected, $"line {Lines} belongs to the {stream.Name()} stream, the file to the {Stream.Value.Name()} stream");
        }

        return type switch
        {
            TrailMembers.GenesisType => ReadGenesis(value),
            TrailMembers.RecordType => ReadRecord(value),
            TrailMembers.GapType => ReadGap(value),
            TrailMembers.CheckpointType => ReadCheckpoint(value),
            _ => Fail(TrailProblemKind.Malformed, Expected, $"line {Lines} has the unknown type \"{type}\""),
        };
    }

    /// <summary>
    /// A checkpoint document given beside the file (<c>--checkpoint</c>): verified and matched when the file has
    /// been read, so it can prove (or show cut) the file's tail.
    /// </summary>
    public void AddCheckpoint(ReadOnlyMemory<byte> document, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _given.Add((document, source));
    }

    /// <summary>Breaks the trail at the next line for a reason found outside it (a line too long to read).</summary>
    public void FailLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Lines++;
        Fail(TrailProblemKind.Malformed, Expected, $"line {Lines}: {message}");
    }

    // The sequence number the next record should have: what a break at this line is named by.
    private long Expected => _current?.ExpectedSequence ?? 0;

    private bool Fail(TrailProblemKind kind, long? sequence, string message)
    {
        Problem ??= new TrailProblem(kind, Lines, sequence, message);
        return false;
    }

    private void Note(string text) => _notes.Add(text);

    // A file that begins with a record or a gap, not a genesis: a segment (allowed when partial), or lines removed.
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_current))]
    private bool StartHeadless(long first, string what)
    {
        if (!_partial)
        {
            return Fail(TrailProblemKind.Missing, 0,
                $"the file does not begin with a genesis: line {Lines} is {what}. Its first lines were removed, or it is a segment exported from a cursor (verify a segment as partial)");
        }

        Note($"The file begins at record {N(first)} of a chain whose genesis it does not hold: nothing ties that chain to a module until a checkpoint names it.");
        _current = new TrailChainState(_chains.Count + 1, null, first);
        _chains.Add(_current);
        _observer?.ChainStarted(null);
        return true;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
