using System.Text;
using NsmDashboard.Attestation;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Evidence.Verification;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Evidence.Tests;

/// <summary>An emulated enclave that signs checkpoints, as a dashboard does through the NSM.</summary>
internal sealed class EmulatedModule : IDisposable
{
    private readonly NsmEmulator _emulator;
    private readonly NsmClient _client;

    public EmulatedModule(string? moduleId = null)
        : this(new NsmEmulatorOptions { ModuleId = moduleId ?? NewModuleId() })
    {
    }

    public EmulatedModule(NsmEmulatorOptions options)
    {
        _emulator = new NsmEmulator(options);
        _client = new NsmClient(_emulator);
        TrustRoot = AttestationTrustRoot.Emulator(_emulator.CertificateAuthority.RootCertificate);
    }

    public string ModuleId => _emulator.ModuleId;

    // Every module of a test its own id (the emulator's default is one per process).
    public static string NewModuleId() =>
        $"i-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9))[..17]}-enc{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}";

    public AttestationTrustRoot TrustRoot { get; }

    public CheckpointVerifier Verifier(AttestationPolicy? enclavePolicy = null) => new(TrustRoot, enclavePolicy);

    /// <summary>An attestation document over arbitrary user_data.</summary>
    public byte[] Attest(byte[]? userData, byte[]? nonce = null) =>
        _client.GetAttestationDocumentAsync(new AttestationRequest(UserData: Optional(userData), Nonce: Optional(nonce))).AsTask().GetAwaiter().GetResult().ToArray();

    // A null array would convert to empty memory: "an empty nonce", not "no nonce".
    private static ReadOnlyMemory<byte>? Optional(byte[]? bytes) => bytes is null ? (ReadOnlyMemory<byte>?)null : bytes;

    /// <summary>A checkpoint of a chain's head, as the dashboard's checkpoint line.</summary>
    public CheckpointLine Checkpoint<T>(EvidenceChain<T> chain, string taken = CheckpointLine.TakenOnInterval, byte[]? nonce = null, PcrTable? pcrs = null)
        where T : IEvidencePayload
    {
        var checkpoint = Checkpoints.Checkpoint.Of(chain.Head, pcrs);
        return new CheckpointLine(checkpoint, Attest(checkpoint.Encode(), nonce), nonce, taken, pcrs);
    }

    /// <summary>Every PCR as the emulator holds it now.</summary>
    public PcrTable ReadPcrs()
    {
        var entries = new List<PcrValueEvidence>();
        for (ushort i = 0; i < 32; i++)
        {
            var pcr = _client.DescribePcrAsync(i).AsTask().GetAwaiter().GetResult();
            entries.Add(new PcrValueEvidence(i, pcr.Lock, Convert.ToHexStringLower(pcr.Data.Span)));
        }

        return PcrTable.Create(entries);
    }

    /// <summary>Extends a PCR through the module (as the dashboard or anyone with /dev/nsm does); returns before and after.</summary>
    public (byte[] Before, byte[] After) Extend(ushort index, byte[] data)
    {
        var before = _client.DescribePcrAsync(index).AsTask().GetAwaiter().GetResult().Data.ToArray();
        var after = _client.ExtendPcrAsync(index, data).AsTask().GetAwaiter().GetResult().ToArray();
        return (before, after);
    }

    public void Dispose() => _emulator.Dispose();
}

/// <summary>
/// Enclaves under one emulator root: the dashboard's, and those the parent instance could run beside it (another
/// image, debug mode), whose documents the root alone cannot tell apart.
/// </summary>
internal sealed class SharedRoot : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("nsm-evidence-ca-");

    /// <summary>An image other than the emulator's default (<see cref="NsmEmulatorOptions.DefaultMeasurements"/>).</summary>
    public static NitroCliMeasurements OtherImage { get; } = new(Image(0), Image(1), Image(2));

    /// <summary>What a verifier expects of the dashboard: the emulator's default image, as an enclave.</summary>
    public static AttestationPolicy ExpectDefaultImage(bool allowDebug = false) => new()
    {
        ExpectedKind = AttestationDocumentKind.NitroEnclave,
        ExpectedPcrSets = [new ExpectedPcrSet("release.json", AttestationDocumentKind.NitroEnclave, NsmEmulatorOptions.DefaultMeasurements.Pcrs)],
        AllowDebugMode = allowDebug,
    };

    public EmulatedModule Enclave(NitroCliMeasurements? image = null, bool debugMode = false) => new(new NsmEmulatorOptions
    {
        ModuleId = EmulatedModule.NewModuleId(),
        CertificateAuthorityDirectory = _directory.FullName,
        Measurements = image,
        DebugMode = debugMode,
    });

    public void Dispose() => _directory.Delete(recursive: true);

    private static byte[] Image(int index) => [.. Enumerable.Repeat((byte)0x17, 47), (byte)index];
}

/// <summary>Builds chains and their exports.</summary>
internal static class Trails
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public static EvidenceChain<AuditEvidence> AuditChain(string moduleId, int capacity = 1000, DateTimeOffset? start = null) =>
        new(ChainGenesis.Create(EvidenceLog.Audit, moduleId, start ?? Start), new EvidenceChainOptions { Capacity = capacity });

    public static AuditEvidence Audit(int i) => new(Start.AddSeconds(i), "ExtendPcr", "Succeeded", "api", "127.0.0.1:5" + i)
    {
        User = "alice",
        Role = "Operator",
        Address = "127.0.0.1",
        Argument = 16,
        DataSha384 = Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(Data(i))),
        DataLength = Data(i).Length,
        DataKept = true,
        Before = [new PcrValueEvidence(16, false, new string('0', 96))],
        After = [new PcrValueEvidence(16, false, new string('a', 96))],
    };

    public static byte[] Data(int i) => Encoding.UTF8.GetBytes($"extend #{i}");

    public static void AppendAudit(EvidenceChain<AuditEvidence> chain, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = (int)chain.Head.Sequence + 1;
            chain.Append(Audit(n), Data(n));
        }
    }

    /// <summary>The export after a cursor, as text.</summary>
    public static string Export<T>(EvidenceChain<T> chain, long after = -1, params CheckpointLine[] checkpoints)
        where T : IEvidencePayload
    {
        using var output = new MemoryStream();
        TrailExport.WriteAsync(chain, after, output, checkpoints, batchSize: 7).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static TrailReport Verify(string trail, EmulatedModule module, params (byte[] Document, string Source)[] given) =>
        Verify(Encoding.UTF8.GetBytes(trail), module.Verifier(), given);

    public static TrailReport Verify(byte[] trail, CheckpointVerifier verifier, params (byte[] Document, string Source)[] given)
    {
        var trailVerifier = new TrailVerifier(verifier);
        foreach (var (document, source) in given)
        {
            trailVerifier.AddCheckpoint(document, source);
        }

        using var input = new MemoryStream(trail);
        return TrailFile.VerifyAsync(input, trailVerifier).GetAwaiter().GetResult();
    }

    public static string[] Lines(string trail) => trail.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> lines) => string.Join('\n', lines) + "\n";
}
