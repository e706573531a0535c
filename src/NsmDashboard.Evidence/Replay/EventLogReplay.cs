using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Evidence.Replay;

/// <summary>
/// Replays an exported PCR event log as a <see cref="TrailVerifier"/> accepts it, the way the dashboard replays its
/// own: from each PCR's start (zero for 16–31, the first logged "before" for boot-measured 0–15) fold
/// <c>H(before ‖ data)</c>, check that each extend's "before" is the value the log leads to and that the NSM's answer
/// is that hash. Then compare with the PCR table of the newest proven checkpoint, so the verdict — explained,
/// changed outside, incomplete — is re-checked outside the enclave from the file alone.
/// </summary>
/// <remarks>
/// The extend rule here is the NSM's, PCR ← SHA-384(PCR ‖ data) (the hash chosen by the value's length, as
/// NsmDashboard.Nsm's emulator computes it); it is to be shared with NsmDashboard.Nsm once the replay rule lives there.
/// Chains of the same module continue each other's PCRs (a restart of the dashboard does not reset the enclave);
/// a new module (a new enclave) starts from scratch.
/// </remarks>
public sealed class EventLogReplay : ITrailObserver
{
    /// <summary>The first PCR that starts at zero (16–31 on Nitro; 0–15 are measured at boot).</summary>
    public const int FirstExtendablePcr = 16;

    private readonly Dictionary<string, Dictionary<int, PcrTrack>> _modules = new(StringComparer.Ordinal);
    private Dictionary<int, PcrTrack> _tracks = [];
    private int _chain;

    // Counts the places where the log may have lost extends (gaps, restarts, a file that begins mid-chain); a PCR
    // whose value jumps across one is "incomplete", not "changed outside".
    private int _gapEpoch;

    /// <inheritdoc/>
    public void ChainStarted(ChainGenesis? genesis)
    {
        _chain++;
        var module = genesis?.ModuleId ?? $"?chain-{_chain.ToString(CultureInfo.InvariantCulture)}";
        if (_modules.TryGetValue(module, out var tracks))
        {
            // The dashboard restarted in the same enclave: the PCRs carry on, but whatever the previous run logged
            // after the file's last record of it died with that run.
            _gapEpoch++;
        }
        else
        {
            tracks = [];
            _modules[module] = tracks;
            // A new enclave: its PCRs start afresh. Without the genesis the file holds no start of the log, and
            // earlier records may have extended any PCR.
            _gapEpoch = genesis is null ? 1 : 0;
        }

        _tracks = tracks;
    }

    /// <inheritdoc/>
    public void Gap(long from, long through) => _gapEpoch++;

    /// <inheritdoc/>
    public void Record(long sequence, EvidenceObject record, byte[]? data)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!TrailFields.TryGetInteger(record, AuditRecordMembers.Index, out var index, out _)
            || !TrailFields.TryGetOptionalHex(record, AuditRecordMembers.After, out var after, out _) || after is null
            || !TrailFields.TryGetOptionalHex(record, AuditRecordMembers.Before, out var before, out _))
        {
            return;
        }

        if (!_tracks.TryGetValue((int)index, out var track))
        {
            track = new PcrTrack((int)index, _gapEpoch == 0 ? 0 : -1);
            _tracks[(int)index] = track;
        }

        track.Apply(_chain, sequence, before, after, data, _gapEpoch);
    }

    /// <summary>The verdicts, once the verifier has completed; compared with the newest proven checkpoint that has a PCR table.</summary>
    public EventLogReplayReport Evaluate(TrailReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var compared = report.Chains
            .SelectMany(c => c.Checkpoints.Where(k => k.Proves && k.Pcrs is not null).Select(k => (Chain: c, Checkpoint: k)))
            .OrderBy(x => x.Chain.Index).ThenBy(x => x.Checkpoint.Checkpoint.Sequence)
            .LastOrDefault();
        if (compared.Checkpoint is null)
        {
            var last = _tracks.Values.OrderBy(t => t.Index).Select(t => t.Uncompared()).ToList();
            return new EventLogReplayReport(null, null, last);
        }

        var chain = compared.Chain;
        var module = chain.Genesis?.ModuleId ?? compared.Checkpoint.Verification.ModuleId ?? string.Empty;
        var tracks = _modules.TryGetValue(module, out var found) ? found
            : _modules.TryGetValue($"?chain-{chain.Index.ToString(CultureInfo.InvariantCulture)}", out var headless) ? headless : [];
        var lines = new List<PcrReplayLine>();
        foreach (var pcr in compared.Checkpoint.Pcrs!.Entries)
        {
            lines.Add(tracks.TryGetValue(pcr.Index, out var track)
                ? track.CompareAt(chain.Index, compared.Checkpoint.Checkpoint.Sequence, pcr, _gapEpoch > 0)
                : PcrTrack.Untouched(pcr, _gapEpoch > 0));
        }

        return new EventLogReplayReport(compared.Checkpoint, chain.Index, lines);
    }

    /// <summary>PCR ← H(PCR ‖ data), with the hash the value's length implies (SHA-384 on every Nitro NSM).</summary>
    internal static byte[] Extend(ReadOnlySpan<byte> value, ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(value.Length switch
        {
            32 => HashAlgorithmName.SHA256,
            64 => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA384,
        });
        hash.AppendData(value);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
