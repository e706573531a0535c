using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Records;

namespace NsmDashboard.Evidence.Tests;

/// <summary>The inputs of the test vectors in docs/audit-trail.md ("Test vectors"); the tests check the outputs the doc prints.</summary>
internal static class Vectors
{
    public const string ModuleId = "i-0123456789abcdef0-enc0123456789abcdef";

    public static readonly DateTimeOffset ProcessStart = new(2026, 5, 1, 10, 0, 0, 123, TimeSpan.Zero);

    public static readonly byte[] ProcessId = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    public static ChainGenesis AuditGenesis() => ChainGenesis.Create(EvidenceLog.Audit, ModuleId, ProcessStart, ProcessId);

    public static ChainGenesis EventLogGenesis() => ChainGenesis.Create(EvidenceLog.EventLog, ModuleId, ProcessStart, ProcessId);

    /// <summary>Record 1 of the audit vector: an extend of PCR16 with "hello", data kept.</summary>
    public static AuditEvidence AuditRecord() => new(ProcessStart.AddSeconds(5), "ExtendPcr", "Succeeded", "api", "127.0.0.1:50312")
    {
        User = "alice",
        Role = "Operator",
        Address = "127.0.0.1",
        Argument = 16,
        DataSha384 = "59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f",
        DataLength = 5,
        DataKept = true,
        Before = [new PcrValueEvidence(16, false, new string('0', 96))],
        After = [new PcrValueEvidence(16, false, "30e84b2d7eeffe6d90a475797b35e59a11b0da473eee4b3b8edfe73daf0279801bb18730c39db7f27f2f77b7b458cb9e")],
    };

    public static readonly byte[] Hello = "hello"u8.ToArray();
}
