using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

// How NsmOperations records what it did: audit log lines, records for the sinks, changes for the notifier.
public sealed partial class NsmOperations
{
    private void Succeed(NsmOperationRecord record, PcrChangeKind kind, IReadOnlyList<PcrState> after)
    {
        // The change carries the record's own time, so the live views and the audit trail agree on when.
        var recorded = Record(record with { After = after });
        notifier.Publish(new PcrChange(kind, after, record.Caller, recorded.Time));
    }

    // An operation that changed nothing: the NSM (or its driver, before sending) refused it, or it failed and the PCRs
    // read back show it was not applied (readBack says so). Attestation failures land here too: they change no PCR.
    private void Fail(NsmOperationRecord record, NsmException exception, string? readBack = null)
    {
        var refused = RefusedBeforeAnyChange(exception);
        var reason = readBack is null ? exception.Message : $"{exception.Message} {readBack}";
        if (!refused)
        {
            LogFailed(record.Operation, record.Caller, reason);
        }
        else if (record.Operation == NsmOperationKind.Attestation)
        {
            LogAttestationRefused(record.Caller, record.Details ?? "", exception.ErrorCode, exception.Message);
        }
        else
        {
            LogRefused(record.Operation, record.Argument ?? 0, record.Caller, exception.ErrorCode, exception.Message);
        }

        Record(record with
        {
            Outcome = refused ? NsmOperationOutcome.Refused : NsmOperationOutcome.Failed,
            ErrorCode = exception.ErrorCode,
            Reason = reason,
        });
    }

    // Stamps the record with the time and hands it to every sink; returns the stamped record.
    private NsmOperationRecord Record(NsmOperationRecord record)
    {
        record = record with { Time = timeProvider.GetUtcNow() };
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Record(record);
            }
#pragma warning disable CA1031 // A sink's failure must not undo or hide an operation the NSM has already applied.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSinkFailed(sink.GetType().Name, record.Operation, ex);
            }
        }

        return record;
    }

    private static string AttestationFields(AttestationRequest request)
    {
        static string Length(ReadOnlyMemory<byte>? field) =>
            field is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes") : "none";

        var key = request.PublicKey is { } publicKey
            ? string.Create(CultureInfo.InvariantCulture, $"{publicKey.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(publicKey.Span))}")
            : "none";
        return $"nonce {Length(request.Nonce)}, user_data {Length(request.UserData)}, public_key {key}";
    }

    // Audit lines: who, what, and the resulting value; never the extend data itself, only its length.
    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT ExtendPCR index={Index} by {Caller}: {Length} bytes; PCR is now {Value}")]
    private partial void LogExtended(ushort index, NsmCaller caller, int length, string value);

    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT LockPCR index={Index} by {Caller}: locked for the life of the enclave at {Value}")]
    private partial void LogLocked(ushort index, NsmCaller caller, string value);

    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT LockPCRs range={Range} by {Caller}: PCRs [0, {Range}) locked for the life of the enclave")]
    private partial void LogRangeLocked(ushort range, NsmCaller caller);

    // The public key is named by its SHA-256 so the log can tie a document to the key it certifies; nonce and
    // user_data only by length.
    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT Attestation by {Caller}: {Fields}; document {Length} bytes, SHA-256 {DocumentSha256}")]
    private partial void LogAttested(NsmCaller caller, string fields, int length, string documentSha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT Attestation by {Caller} ({Fields}) refused: {ErrorCode} ({Reason})")]
    private partial void LogAttestationRefused(NsmCaller caller, string fields, NsmErrorCode errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "AUDIT {Operation} {Argument} by {Caller} refused: {ErrorCode} ({Reason})")]
    private partial void LogRefused(NsmOperationKind operation, ushort argument, NsmCaller caller, NsmErrorCode errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUDIT {Operation} by {Caller} failed: {Reason}")]
    private partial void LogFailed(NsmOperationKind operation, NsmCaller caller, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUDIT {Operation} {Argument} by {Caller}: outcome unknown, the NSM's answer was lost ({ErrorCode}): {Reason}")]
    private partial void LogOutcomeUnknown(NsmOperationKind operation, ushort argument, NsmCaller caller, NsmErrorCode errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Operation sink {Sink} failed to record {Operation}")]
    private partial void LogSinkFailed(string sink, NsmOperationKind operation, Exception exception);
}
