using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Features.Measurements;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// The one path that changes the dashboard's trust data: the expected-measurement sets (which make PCRs "match
/// release-42" on every page and <c>expected</c> in <c>GET /api/pcrs</c>) and the imported event log (which documents
/// are checked against). Whoever changes them decides what the dashboard calls trustworthy, so, like an extend, each
/// change needs the Operator role (<see cref="NsmAccessPolicy"/>) and is recorded in the audit trail with who did it,
/// what, and the SHA-384 of the data; refusals are recorded too, and thrown as <see cref="NsmAccessDeniedException"/>.
/// Pages and API routes call this; the API's authorization policy refuses a Viewer before (and audits that as well).
/// </summary>
public sealed partial class TrustDataOperations(
    NsmAccessPolicy access,
    ExpectedMeasurementStore measurements,
    ImportedPcrEventLog importedLog,
    IEnumerable<INsmOperationSink> sinks,
    TimeProvider timeProvider,
    ILogger<TrustDataOperations> logger)
{
    private readonly INsmOperationSink[] _sinks = [.. sinks];

    /// <summary>Why <paramref name="caller"/> may not change trust data, or null when they may.</summary>
    public string? WhyDenied(NsmCaller caller, NsmOperationKind operation = NsmOperationKind.AddMeasurements) =>
        access.DenialReason(caller, operation);

    /// <summary>Adds a set of expected measurements, or replaces the one with the same name.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="set">The set.</param>
    /// <param name="source">Where its values came from (nitro-cli build-enclave, describe-eif, by hand).</param>
    /// <param name="data">The data as given (the nitro-cli JSON, the values typed): its SHA-384 goes into the audit trail.</param>
    /// <param name="warnings">What a policy of these values would leave open (a NitroTPM set without PCR7 or PCR12).</param>
    /// <exception cref="NsmAccessDeniedException">The caller may not (recorded).</exception>
    /// <exception cref="InvalidOperationException">The store is full (recorded as failed).</exception>
    public ExpectedMeasurementSet SetMeasurements(NsmCaller caller, ExpectedPcrSet set, string source, ReadOnlySpan<byte> data, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(set);
        var kind = measurements.Find(set.Name) is null ? NsmOperationKind.AddMeasurements : NsmOperationKind.ReplaceMeasurements;
        var (sha, length) = (Convert.ToHexStringLower(SHA384.HashData(data)), data.Length);
        var record = new NsmOperationRecord(default, caller, kind, null, NsmOperationOutcome.Succeeded)
        {
            DataSha384 = sha,
            DataLength = length,
            Details = string.Create(CultureInfo.InvariantCulture, $"set '{set.Name}' from {source}: {Pcrs(set)}"),
        };
        DenyUnlessAllowed(record);
        try
        {
            var added = measurements.Add(set, source, warnings, sha);
            Record(record);
            return added;
        }
        catch (InvalidOperationException ex)
        {
            Record(record with { Outcome = NsmOperationOutcome.Failed, Reason = ex.Message });
            throw;
        }
    }

    /// <summary>Removes the named set; null when there is none (nothing changed, nothing recorded).</summary>
    /// <exception cref="NsmAccessDeniedException">The caller may not (recorded).</exception>
    public ExpectedMeasurementSet? DeleteMeasurements(NsmCaller caller, string name)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(name);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.DeleteMeasurements, null, NsmOperationOutcome.Succeeded)
        {
            Details = $"set '{name}'",
        };
        DenyUnlessAllowed(record);
        if (measurements.Remove(name) is not { } removed)
        {
            return null;
        }

        // The digest of the data the set was added from, so the removal can be matched with the addition.
        Record(record with
        {
            DataSha384 = removed.DataSha384,
            Details = string.Create(CultureInfo.InvariantCulture, $"set '{removed.Name}' from {removed.Source}: {Pcrs(removed.Set)}"),
        });
        return removed;
    }

    /// <summary>Keeps <paramref name="log"/> as the imported event log (replacing the previous one).</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="log">The checked log.</param>
    /// <param name="source">Where it came from (a file name, or "API").</param>
    /// <param name="dataSha384">SHA-384 (lowercase hex) of the JSON as received.</param>
    /// <param name="dataLength">Its length in bytes.</param>
    /// <exception cref="NsmAccessDeniedException">The caller may not (recorded).</exception>
    public ImportedPcrEventLog.Imported ImportEventLog(NsmCaller caller, PcrEventLogSnapshot log, string source, string dataSha384, long dataLength)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(log);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.ImportEventLog, null, NsmOperationOutcome.Succeeded)
        {
            DataSha384 = dataSha384,
            DataLength = (int)Math.Min(dataLength, int.MaxValue),
            Details = string.Create(CultureInfo.InvariantCulture,
                $"event log from {source}: {log.Entries.Count} entries, PCRs {string.Join(", ", log.Indices)}"),
        };
        DenyUnlessAllowed(record);
        var imported = importedLog.Import(log, source);
        Record(record);
        return imported;
    }

    /// <summary>Forgets the imported event log; false when none was imported (nothing changed, nothing recorded).</summary>
    /// <exception cref="NsmAccessDeniedException">The caller may not (recorded).</exception>
    public bool ClearEventLog(NsmCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.ClearEventLog, null, NsmOperationOutcome.Succeeded);
        DenyUnlessAllowed(record);
        if (importedLog.Current is not { } current)
        {
            return false;
        }

        importedLog.Clear();
        Record(record with { Details = string.Create(CultureInfo.InvariantCulture, $"event log from {current.Source}: {current.Log.Entries.Count} entries") });
        return true;
    }

    /// <summary>SHA-384 of <paramref name="data"/> in lowercase hex, as the audit trail records it.</summary>
    public static string Sha384Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA384.HashData(data));

    private void DenyUnlessAllowed(NsmOperationRecord record)
    {
        if (access.DenialReason(record.Caller, record.Operation) is not { } reason)
        {
            return;
        }

        Record(record with { Outcome = NsmOperationOutcome.Denied, Reason = reason, DataSha384 = null, DataLength = null });
        throw new NsmAccessDeniedException(record.Operation, reason);
    }

    private void Record(NsmOperationRecord record)
    {
        record = record with { Time = timeProvider.GetUtcNow() };
        if (record.Outcome == NsmOperationOutcome.Succeeded)
        {
            LogChanged(record.Operation, record.Caller, record.Details ?? string.Empty, record.DataSha384 ?? "-");
        }

        foreach (var sink in _sinks)
        {
            try
            {
                sink.Record(record);
            }
#pragma warning disable CA1031 // A sink's failure must not undo or hide a change already made.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSinkFailed(sink.GetType().Name, record.Operation, ex);
            }
        }
    }

    private static string Pcrs(ExpectedPcrSet set) => string.Join(", ", set.Pcrs.Keys.Select(i => "PCR" + i.ToString(CultureInfo.InvariantCulture)));

    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT {Operation} by {Caller}: {Details}, data SHA-384 {Sha384}")]
    private partial void LogChanged(NsmOperationKind operation, NsmCaller caller, string details, string sha384);

    [LoggerMessage(Level = LogLevel.Error, Message = "Operation sink {Sink} failed to record {Operation}")]
    private partial void LogSinkFailed(string sink, NsmOperationKind operation, Exception exception);
}
