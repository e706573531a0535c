using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>
/// The first record (sequence 0) of a chain: which stream, which module (enclave), when the dashboard process
/// started and a random process id. Its <c>prev</c> is the <see cref="Seed"/> derived from exactly these inputs, so
/// two runs of the same enclave never chain into each other, and a verifier recomputes it from the record alone.
/// Its hash is the chain's id, the value a checkpoint names (docs/audit-trail.md, "Genesis").
/// </summary>
public sealed class ChainGenesis
{
    /// <summary>The domain-separation string hashed before the seed's inputs.</summary>
    public const string SeedDomain = "nsm-dashboard/evidence/genesis/v1";

    /// <summary>The bytes of a process id.</summary>
    public const int ProcessIdBytes = 16;

    /// <summary>The longest module id accepted (real ones are 38 characters).</summary>
    public const int MaxModuleIdLength = 256;

    private ChainGenesis(EvidenceLog stream, string moduleId, DateTimeOffset time, string processId)
    {
        Stream = stream;
        ModuleId = moduleId;
        Time = time;
        ProcessId = processId;
        Seed = ComputeSeed(stream, moduleId, time, processId);
        Record = new EvidenceObjectBuilder()
            .Add(TrailMembers.Version, TrailMembers.CurrentVersion)
            .Add(TrailMembers.Stream, stream.Name())
            .Add(TrailMembers.Type, TrailMembers.GenesisType)
            .Add(TrailMembers.Sequence, 0)
            .Add(TrailMembers.Previous, Seed.ToString())
            .Add(TrailMembers.Time, EvidenceTime.ToText(time))
            .Add(TrailMembers.ModuleId, moduleId)
            .Add(TrailMembers.ProcessId, processId)
            .Build();
        Hash = TrailHashing.HashRecord(Record);
    }

    /// <summary>The stream.</summary>
    public EvidenceLog Stream { get; }

    /// <summary>The module id (DescribeNSM's, the enclave's id).</summary>
    public string ModuleId { get; }

    /// <summary>When the dashboard process started (milliseconds, UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The random process id, 32 lowercase hex digits.</summary>
    public string ProcessId { get; }

    /// <summary>The genesis record's <c>prev</c>: SHA-384(<see cref="SeedDomain"/> ‖ 0x00 ‖ JCS of the four inputs).</summary>
    public EvidenceHash Seed { get; }

    /// <summary>The genesis record (without <c>hash</c>).</summary>
    public EvidenceObject Record { get; }

    /// <summary>SHA-384 of the record's canonical bytes: the chain's id, and record 1's <c>prev</c>.</summary>
    public EvidenceHash Hash { get; }

    /// <summary>A genesis for a new chain with a fresh random process id.</summary>
    /// <exception cref="ArgumentException">The module id is empty, too long or not well-formed.</exception>
    public static ChainGenesis Create(EvidenceLog stream, string moduleId, DateTimeOffset processStart) =>
        Create(stream, moduleId, processStart, RandomNumberGenerator.GetBytes(ProcessIdBytes));

    /// <summary>A genesis with the given process id (tests and vectors; a dashboard uses fresh random bytes).</summary>
    /// <exception cref="ArgumentException">The module id is empty, too long or not well-formed, or the id is not 16 bytes.</exception>
    public static ChainGenesis Create(EvidenceLog stream, string moduleId, DateTimeOffset processStart, ReadOnlySpan<byte> processId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        if (!IsValidModuleId(moduleId))
        {
            throw new ArgumentException($"A module id is 1 to {MaxModuleIdLength} characters of well-formed Unicode.", nameof(moduleId));
        }

        if (processId.Length != ProcessIdBytes)
        {
            throw new ArgumentException($"A process id has {ProcessIdBytes} bytes.", nameof(processId));
        }

        _ = EvidenceLogs.Name(stream);
        return new ChainGenesis(stream, moduleId, EvidenceTime.Truncate(processStart), Convert.ToHexStringLower(processId));
    }

    /// <summary>Reads a genesis record and checks that its <c>prev</c> is the seed of its own inputs.</summary>
    /// <param name="record">The parsed line.</param>
    /// <param name="genesis">The genesis, when the record is one.</param>
    /// <param name="problem">What is wrong, otherwise.</param>
    public static bool TryRead(EvidenceObject record, [NotNullWhen(true)] out ChainGenesis? genesis, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(record);
        genesis = null;
        if (!TrailFields.TryGetStream(record, out var stream, out problem)
            || !TrailFields.TryGetInteger(record, TrailMembers.Sequence, out var sequence, out problem)
            || !TrailFields.TryGetHash(record, TrailMembers.Previous, out var previous, out problem)
            || !TrailFields.TryGetTime(record, TrailMembers.Time, out var time, out problem)
            || !TrailFields.TryGetString(record, TrailMembers.ModuleId, out var moduleId, out problem)
            || !TrailFields.TryGetString(record, TrailMembers.ProcessId, out var processId, out problem))
        {
            return false;
        }

        if (sequence != 0)
        {
            problem = $"a genesis has sequence 0, not {sequence}";
            return false;
        }

        if (!IsValidModuleId(moduleId))
        {
            problem = "\"moduleId\" is empty or too long";
            return false;
        }

        if (processId.Length != ProcessIdBytes * 2 || !LowerHex.IsValid(processId))
        {
            problem = "\"processId\" is not 32 lowercase hex digits";
            return false;
        }

        if (record.Contains(TrailMembers.Data))
        {
            problem = "a genesis carries no \"data\"";
            return false;
        }

        var candidate = new ChainGenesis(stream, moduleId, time, processId);
        if (candidate.Seed != previous)
        {
            problem = $"its \"prev\" is not the seed of its moduleId, time, processId and stream (expected {candidate.Seed})";
            return false;
        }

        if (candidate.Hash != TrailHashing.HashRecord(record))
        {
            // Members beyond the four inputs are hashed too; the chain id is the hash of the record as written.
            candidate = new ChainGenesis(stream, moduleId, time, processId, record);
        }

        genesis = candidate;
        return true;
    }

    private ChainGenesis(EvidenceLog stream, string moduleId, DateTimeOffset time, string processId, EvidenceObject record)
        : this(stream, moduleId, time, processId)
    {
        Record = record;
        Hash = TrailHashing.HashRecord(record);
    }

    /// <summary>SHA-384(<see cref="SeedDomain"/> ‖ 0x00 ‖ JCS({moduleId, processId, stream, time})).</summary>
    public static EvidenceHash ComputeSeed(EvidenceLog stream, string moduleId, DateTimeOffset time, string processId)
    {
        var inputs = new EvidenceObjectBuilder()
            .Add(TrailMembers.ModuleId, moduleId)
            .Add(TrailMembers.ProcessId, processId)
            .Add(TrailMembers.Stream, stream.Name())
            .Add(TrailMembers.Time, EvidenceTime.ToText(time))
            .Build();
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write<byte>(Encoding.ASCII.GetBytes(SeedDomain));
        buffer.Write<byte>([0]);
        CanonicalJson.Write(buffer, inputs);
        return EvidenceHash.Compute(buffer.WrittenSpan);
    }

    private static bool IsValidModuleId(string moduleId) =>
        moduleId.Length is > 0 and <= MaxModuleIdLength && EvidenceValue.IsWellFormed(moduleId);
}
