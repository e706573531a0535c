using System.Globalization;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.EventLog;

namespace NsmDashboard.Web.Operations;

// What NsmOperations does when the path to the NSM fails: no mutation may be half-recorded. A request that fails
// before it is sent changes nothing; one whose answer is lost may have been applied, so the PCRs are read back and the
// record says what they show, without ever claiming a success the NSM did not confirm.
public sealed partial class NsmOperations
{
    // The NSM answered {"Error": …}, or the request was refused before it left (too large, empty): nothing changed.
    private static bool RefusedBeforeAnyChange(NsmException exception) =>
        exception.AnsweredByModule
        || exception is NsmDeviceException { Errno: 0 }
        || exception is NsmDeviceException { ErrorCode: NsmErrorCode.InputTooLarge };

    // The PCRs an operation is about to touch, read under the gate, so the record can show before and after and the event
    // log can check the extend. An index the NSM refuses to describe is skipped: the operation itself will be refused
    // with the authoritative error. If the read fails on the way (a device error, an undecodable answer), the operation
    // is not sent: sending it would make a change the log could not check.
    private async Task<IReadOnlyList<PcrState>> ReadBeforeAsync(
        NsmOperationRecord record, ushort first, int count, CancellationToken cancellationToken)
    {
        if (_sinks.Length == 0)
        {
            return [];
        }

        var before = new List<PcrState>(Math.Min(count, NsmLimits.PcrCount));
        for (var i = first; i < first + count; i++)
        {
            try
            {
                before.Add(PcrState.From(i, await client.DescribePcrAsync(i, cancellationToken).ConfigureAwait(false)));
            }
            catch (NsmException ex) when (ex.AnsweredByModule)
            {
                break;
            }
            catch (NsmException ex)
            {
                LogFailed(record.Operation, record.Caller, ex.Message);
                Record(record with
                {
                    Before = before,
                    Outcome = NsmOperationOutcome.Failed,
                    ErrorCode = ex.ErrorCode,
                    Reason = Text($"Reading PCR{i} before the operation failed, so the operation was not sent: {ex.Message}"),
                });
                throw;
            }
        }

        return before;
    }

    // Records a failed extend or lock. When its answer may have been lost after the NSM acted on it, the PCRs
    // [first, first + count) are read back: unchanged → Failed; changed (or unreadable) → Unknown, and the values read
    // back are published so every open view shows what the NSM holds now (an empty change asks views to re-read).
    private async Task FailAsync(
        NsmOperationRecord record,
        NsmException exception,
        ushort first,
        int count,
        Func<IReadOnlyList<PcrState>, bool?> applied)
    {
        if (RefusedBeforeAnyChange(exception))
        {
            Fail(record, exception);
            return;
        }

        var after = new List<PcrState>(Math.Min(count, NsmLimits.PcrCount));
        string readBack;
        bool? wasApplied = null;
        try
        {
            for (var i = first; i < first + count; i++)
            {
                // Not cancellable: the record must say what the NSM holds, whatever the caller does meanwhile.
                after.Add(PcrState.From(i, await client.DescribePcrAsync(i, CancellationToken.None).ConfigureAwait(false)));
            }

            wasApplied = applied(after);
            readBack = wasApplied switch
            {
                false => "Read back afterwards: unchanged, so the NSM did not apply it.",
                true => record.Operation == NsmOperationKind.ExtendPcr
                    ? Text($"Read back afterwards: PCR{first} = SHA-384(before ‖ data), so the NSM applied it, but it never confirmed it: the event log does not count it and its replay shows PCR{first} changed outside.")
                    : "Read back afterwards: locked, so the NSM applied it, but it never confirmed it.",
                null => "Read back afterwards: the PCRs hold values this request alone does not explain (or their value before is unknown); whether the NSM applied it cannot be told.",
            };
        }
        catch (NsmException readError)
        {
            readBack = $"Reading the PCRs back failed too ({NsmErrorText.Title(readError)}): whether the NSM applied it cannot be told.";
            after.Clear();
        }

        if (wasApplied == false)
        {
            Fail(record, exception, readBack);
            return;
        }

        var reason = $"{exception.Message} {readBack}";
        LogOutcomeUnknown(record.Operation, record.Argument ?? 0, record.Caller, exception.ErrorCode, reason);
        var recorded = Record(record with
        {
            Outcome = NsmOperationOutcome.Unknown,
            ErrorCode = exception.ErrorCode,
            Reason = reason,
            After = after,
        });
        notifier.Publish(new PcrChange(PcrChangeKind.Uncertain, after, record.Caller, recorded.Time));
    }

    // An extend was applied when the PCR now holds H(before ‖ data); not applied when it holds its value before.
    private static bool? ExtendApplied(IReadOnlyList<PcrState> before, IReadOnlyList<PcrState> after, ReadOnlySpan<byte> data)
    {
        if (before is not [var was] || after is not [var now])
        {
            return null;
        }

        if (now.Value.Span.SequenceEqual(was.Value.Span))
        {
            return false;
        }

        return now.Value.Span.SequenceEqual(PcrExtension.Fold(was.Value.Span, data)) ? true : null;
    }

    // A lock (or lock range) was applied when every PCR it concerns is now locked and one was not before; not applied
    // when one is still unlocked.
    private static bool? LockApplied(IReadOnlyList<PcrState> before, IReadOnlyList<PcrState> after)
    {
        if (after.Any(p => !p.Locked))
        {
            return false;
        }

        return before.Count == after.Count && before.Any(p => !p.Locked) ? true : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
