using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

// Authorization in front of the NSM: the one check every caller (page, dialog, API) passes.
public sealed partial class NsmOperations
{
    /// <summary>Whether the operation is refused for this caller (and why), without recording anything.</summary>
    public string? WhyDenied(NsmCaller caller, NsmOperationKind operation, AttestationRequest? request = null) =>
        access.DenialReason(caller, operation, request);

    /// <summary>
    /// Records an attempt refused before it reached this class (the route's authorization refused the caller), so
    /// that the audit trail shows every refused attempt, not only those the role check here refused.
    /// </summary>
    public async Task RecordDeniedAsync(
        NsmCaller caller, NsmOperationKind operation, ushort? argument, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reason);
        await RecordDenialAsync(new NsmOperationRecord(default, caller, operation, argument, NsmOperationOutcome.Denied), reason, cancellationToken)
            .ConfigureAwait(false);
    }

    // A denial is recorded under the gate like any other operation, so sinks still see records in order, and then
    // thrown; the NSM is never asked.
    private async Task DenyUnlessAllowedAsync(NsmOperationRecord record, AttestationRequest? request, CancellationToken cancellationToken)
    {
        // The role first: a refused caller must not use up a permit.
        if ((access.DenialReason(record.Caller, record.Operation, request) ?? rateLimiter.TryAcquire(record.Caller, record.Operation)) is not { } reason)
        {
            return;
        }

        await RecordDenialAsync(record, reason, cancellationToken).ConfigureAwait(false);
        throw new NsmAccessDeniedException(record.Operation, reason);
    }

    private async Task RecordDenialAsync(NsmOperationRecord record, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LogDenied(record.Operation, record.Argument, record.Caller, record.Caller.Role ?? "none", reason);
            Record(record with { Outcome = NsmOperationOutcome.Denied, Reason = reason });
        }
        finally
        {
            _gate.Release();
        }
    }

    // Debug: the audit trail logs denials itself, once per summary, so that a flood of them is not a flood of lines.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} {Argument} by {Caller} (role {Role}) denied: {Reason}")]
    private partial void LogDenied(NsmOperationKind operation, ushort? argument, NsmCaller caller, string role, string reason);
}
