using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Verification;

/// <summary>
/// What the verifier knows of one chain while it reads: the hash of every record it has read (so a checkpoint that
/// comes later can be matched; 48 bytes a record), the gaps, the lost runs the records name, the checkpoints.
/// </summary>
internal sealed class TrailChainState
{
    // Runs of consecutive records between gaps: each holds the hashes from its first sequence number on.
    private readonly List<(long First, List<EvidenceHash> Hashes)> _segments = [];
    private readonly List<(long From, long Through, EvidenceHash Head, bool AtStart)> _gaps = [];
    private readonly List<LostRun> _lostRuns = [];

    public TrailChainState(int index, ChainGenesis? genesis, long firstSequence)
    {
        Index = index;
        Genesis = genesis;
        ChainId = genesis?.Hash;
        FirstSequence = firstSequence;
        LastSequence = firstSequence - 1;
        if (genesis is not null)
        {
            Add(0, genesis.Hash);
        }
    }

    public int Index { get; }

    public ChainGenesis? Genesis { get; }

    public EvidenceHash? ChainId { get; set; }

    /// <summary>The module the chain is attested to come from: its genesis says, or a checkpoint did.</summary>
    public string? ModuleId { get; set; }

    public long FirstSequence { get; }

    public long LastSequence { get; private set; }

    public EvidenceHash LastHash { get; private set; }

    /// <summary>Whether the last thing read was a gap (the next record must continue from its head).</summary>
    public bool AfterGap { get; private set; }

    public long Records { get; private set; }

    public List<TrailCheckpoint> Checkpoints { get; } = [];

    /// <summary>Checkpoints of this chain for records not read yet.</summary>
    public List<(Checkpoints.Checkpoint Checkpoint, TrailCheckpoint Report)> Pending { get; } = [];

    public IReadOnlyList<LostRun> LostRuns => _lostRuns;

    public long ExpectedSequence => LastSequence + 1;

    /// <summary>Records a verified record (or the genesis).</summary>
    public void Add(long sequence, EvidenceHash hash)
    {
        if (_segments.Count == 0 || AfterGap || sequence != LastSequence + 1)
        {
            _segments.Add((sequence, new List<EvidenceHash>()));
        }

        _segments[^1].Hashes.Add(hash);
        LastSequence = sequence;
        LastHash = hash;
        AfterGap = false;
        Records++;
    }

    /// <summary>Records a gap; the chain continues from its head.</summary>
    public void AddGap(long from, long through, EvidenceHash head)
    {
        _gaps.Add((from, through, head, AtStart: Records == 0 || (Genesis is not null && Records == 1)));
        LastSequence = through;
        LastHash = head;
        AfterGap = true;
    }

    public void AddLostRun(LostRun run) => _lostRuns.Add(run);

    /// <summary>The hash of a record the chain has passed, when known: a record read, or the last record of a gap.</summary>
    public EvidenceHash? HashAt(long sequence)
    {
        foreach (var gap in _gaps)
        {
            if (sequence == gap.Through)
            {
                return gap.Head;
            }
        }

        var low = 0;
        var high = _segments.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, hashes) = _segments[middle];
            if (sequence < first)
            {
                high = middle - 1;
            }
            else if (sequence >= first + hashes.Count)
            {
                low = middle + 1;
            }
            else
            {
                return hashes[(int)(sequence - first)];
            }
        }

        return null;
    }

    /// <summary>The gaps with what the chain says of them: how many of their records the records after them name as lost.</summary>
    public IReadOnlyList<TrailGap> GapReports()
    {
        var runs = _lostRuns.OrderBy(r => r.From).ToList();
        return [.. _gaps.Select(g => new TrailGap(g.From, g.Through, g.AtStart, Covered(runs, g.From, g.Through)))];
    }

    /// <summary>The first record of a gap (not at the start) that no lost run covers; null when every gap is explained.</summary>
    public long? FirstUnexplained()
    {
        var runs = _lostRuns.OrderBy(r => r.From).ToList();
        foreach (var gap in _gaps.Where(g => !g.AtStart))
        {
            var next = gap.From;
            foreach (var run in runs)
            {
                if (run.From <= next && run.Through >= next)
                {
                    next = run.Through + 1;
                }
            }

            if (next <= gap.Through)
            {
                return next;
            }
        }

        return null;
    }

    private static long Covered(List<LostRun> runs, long from, long through)
    {
        long covered = 0;
        var next = from;
        foreach (var run in runs)
        {
            var start = Math.Max(run.From, next);
            var end = Math.Min(run.Through, through);
            if (end >= start)
            {
                covered += end - start + 1;
                next = end + 1;
            }
        }

        return covered;
    }
}
