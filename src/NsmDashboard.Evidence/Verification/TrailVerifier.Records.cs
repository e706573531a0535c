using System.Security.Cryptography;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Verification;

public sealed partial class TrailVerifier
{
    private bool ReadGenesis(EvidenceObject line)
    {
        // The hash first: a modified line is "modified", whatever else it now claims.
        if (!TrailFields.TryGetHash(line, TrailMembers.Hash, out var stated, out var problem))
        {
            return Fail(TrailProblemKind.Malformed, 0, $"line {Lines} (a genesis): {problem}");
        }

        if (TrailHashing.HashRecord(line) != stated)
        {
            return Fail(TrailProblemKind.Modified, 0, $"line {Lines}: the genesis record does not hash to its \"hash\": it was modified");
        }

        if (!ChainGenesis.TryRead(line, out var genesis, out problem))
        {
            return Fail(TrailProblemKind.GenesisInvalid, 0, $"line {Lines}: the genesis record is invalid: {problem}");
        }

        if (_chains.Any(c => c.ChainId == genesis.Hash))
        {
            return Fail(TrailProblemKind.OutOfOrder, 0, $"line {Lines}: the genesis of chain {genesis.Hash.ToShortString()}… appears a second time");
        }

        FinishCurrent();
        if (_current is not null)
        {
            Note($"Chain {N(_chains.Count + 1)} begins at line {N(Lines)}: the dashboard restarted (module {genesis.ModuleId}, process started {EvidenceTime.ToText(genesis.Time)}).");
        }

        _current = new TrailChainState(_chains.Count + 1, genesis, 0) { ModuleId = genesis.ModuleId };
        _chains.Add(_current);
        _observer?.ChainStarted(genesis);
        return true;
    }

    private bool ReadRecord(EvidenceObject line)
    {
        var expected = Expected;
        if (!TrailFields.TryGetHash(line, TrailMembers.Hash, out var stated, out var problem)
            || !TrailFields.TryGetInteger(line, TrailMembers.Sequence, out var sequence, out problem)
            || !TrailFields.TryGetHash(line, TrailMembers.Previous, out var previous, out problem)
            || !TrailFields.TryGetTime(line, TrailMembers.Time, out _, out problem))
        {
            return Fail(TrailProblemKind.Malformed, expected, $"line {Lines}: {problem}");
        }

        if (TrailHashing.HashRecord(line) != stated)
        {
            return Fail(TrailProblemKind.Modified, expected, $"line {Lines} (record {N(expected)} belongs here) does not hash to its \"hash\": it was modified");
        }

        if (_current is null)
        {
            if (!StartHeadless(sequence, $"record {N(sequence)}"))
            {
                return false;
            }
        }
        else if (sequence > expected)
        {
            return Fail(TrailProblemKind.Missing, expected, sequence == expected + 1
                ? $"record {N(expected)} is missing: line {Lines} holds record {N(sequence)} (deleted, or moved later)"
                : $"records {N(expected)}–{N(sequence - 1)} are missing: line {Lines} holds record {N(sequence)} (deleted, or moved later)");
        }
        else if (sequence < expected)
        {
            return Fail(TrailProblemKind.OutOfOrder, sequence, $"line {Lines} holds record {N(sequence)} again after record {N(expected - 1)}: a record was inserted, repeated or moved");
        }
        else if (previous != _current.LastHash)
        {
            return Fail(TrailProblemKind.Unlinked, sequence - 1, _current.AfterGap
                ? $"record {N(sequence)} (line {Lines}) does not continue from the gap before it: the gap's head is not the hash its \"prev\" names"
                : $"record {N(sequence)} (line {Lines}) names a \"prev\" that is not the hash of record {N(sequence - 1)}: record {N(sequence - 1)} was rewritten (its hash recomputed), or record {N(sequence)} was");
        }

        if (!ReadLostRun(line, sequence, out var lost, out problem))
        {
            return Fail(TrailProblemKind.Malformed, sequence, $"line {Lines}: {problem}");
        }

        if (!TryReadData(line, out var data, out problem))
        {
            return Fail(TrailProblemKind.DataMismatch, sequence, $"record {N(sequence)} (line {Lines}): {problem}");
        }

        _current.Add(sequence, stated);
        if (lost is { } run)
        {
            _current.AddLostRun(run);
        }

        _observer?.Record(sequence, line, data);
        return ResolvePending(_current);
    }

    private bool ReadGap(EvidenceObject line)
    {
        var expected = Expected;
        if (!TrailFields.TryGetInteger(line, TrailMembers.From, out var from, out var problem)
            || !TrailFields.TryGetInteger(line, TrailMembers.Through, out var through, out problem)
            || !TrailFields.TryGetHash(line, TrailMembers.Head, out var head, out problem))
        {
            return Fail(TrailProblemKind.Malformed, expected, $"line {Lines} (a gap): {problem}");
        }

        if (through < from || from < 1)
        {
            return Fail(TrailProblemKind.Malformed, expected, $"line {Lines}: a gap from {N(from)} through {N(through)} is not a range of records");
        }

        if (_current is null)
        {
            if (!StartHeadless(from, $"a gap from record {N(from)}"))
            {
                return false;
            }
        }
        else if (from != expected)
        {
            return Fail(from > expected ? TrailProblemKind.Missing : TrailProblemKind.OutOfOrder, Math.Min(from, expected),
                $"line {Lines} states a gap from record {N(from)}, but the chain is at record {N(expected - 1)}");
        }

        _current.AddGap(from, through, head);
        _observer?.Gap(from, through);
        return ResolvePending(_current);
    }

    private static bool ReadLostRun(EvidenceObject line, long sequence, out LostRun? lost, out string? problem)
    {
        problem = null;
        lost = null;
        if (!line.TryGetValue(TrailMembers.Lost, out var value))
        {
            return true;
        }

        if (!value.TryGetObject(out var run)
            || !TrailFields.TryGetInteger(run, TrailMembers.From, out var from, out _)
            || !TrailFields.TryGetInteger(run, TrailMembers.Through, out var through, out _)
            || from < 1 || through < from || through >= sequence)
        {
            problem = "\"lost\" is not a run of earlier records ({\"from\": …, \"through\": …})";
            return false;
        }

        lost = new LostRun(from, through);
        return true;
    }

    // "data" is not hashed; its SHA-384 and length are, so it must match them exactly.
    private static bool TryReadData(EvidenceObject line, out byte[]? data, out string? problem)
    {
        if (!TrailFields.TryGetOptionalHex(line, TrailMembers.Data, out data, out problem))
        {
            return false;
        }

        if (data is null)
        {
            return true;
        }

        if (!TrailFields.TryGetString(line, AuditRecordMembers.DataSha384, out var digest, out _)
            || !TrailFields.TryGetInteger(line, AuditRecordMembers.DataLength, out var length, out _))
        {
            problem = "it carries \"data\" but no \"dataSha384\" and \"dataLength\" to check it against";
            return false;
        }

        if (data.Length != length || !string.Equals(Convert.ToHexStringLower(SHA384.HashData(data)), digest, StringComparison.Ordinal))
        {
            problem = "its \"data\" is not the data its hashed \"dataSha384\" and \"dataLength\" name: the data was modified";
            return false;
        }

        return true;
    }
}
