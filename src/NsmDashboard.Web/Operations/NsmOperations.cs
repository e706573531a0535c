using System.Security.Cryptography;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// The only way the dashboard changes the NSM: extend, lock and lock-range, from the UI and the API alike; and
/// the gate for attestation requests, whose documents are credentials.
/// Each call is serialised with the other mutations, logged as an audit line naming the caller, handed as an
/// <see cref="NsmOperationRecord"/> (with the PCRs before and after) to every <see cref="INsmOperationSink"/>,
/// and on success published through <see cref="PcrChangeNotifier"/> so every open view updates.
/// Authorization, rate limits and event logs belong here, in front of the NSM, and nowhere else.
/// </summary>
/// <remarks>
/// Every method first checks the caller's role with <see cref="NsmAccessPolicy"/>: a denied request is recorded
/// (<see cref="NsmOperationOutcome.Denied"/>) and throws <see cref="NsmAccessDeniedException"/> without reaching the NSM.
/// Methods throw <see cref="NsmException"/> (ReadOnlyIndex for a locked PCR, InvalidIndex out of range,
/// InputTooLarge over the request limit, …) or <see cref="NsmDeviceException"/> unchanged; nothing is
/// published for a refused request, but it is recorded.
/// </remarks>
public sealed partial class NsmOperations(
    NsmClient client,
    PcrChangeNotifier notifier,
    NsmAccessPolicy access,
    NsmOperationRateLimiter rateLimiter,
    IEnumerable<INsmOperationSink> sinks,
    TimeProvider timeProvider,
    ILogger<NsmOperations> logger) : IDisposable
{
    // One mutation at a time, so that the state read back after a lock, the "before" values handed to sinks and
    // the order of published changes all match the order in which the NSM applied them.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly INsmOperationSink[] _sinks = [.. sinks];

    /// <summary>ExtendPCR: PCR ← H(PCR ‖ data). Returns the PCR after the extend. Sinks may keep the data as by default (<see cref="ExtendDataOptions"/>).</summary>
    public Task<PcrState> ExtendPcrAsync(
        ushort index, ReadOnlyMemory<byte> data, NsmCaller caller, CancellationToken cancellationToken = default) =>
        ExtendPcrAsync(index, data, caller, default, cancellationToken);

    /// <summary>ExtendPCR: PCR ← H(PCR ‖ data). Returns the PCR after the extend.</summary>
    /// <param name="index">The PCR.</param>
    /// <param name="data">The data to extend with.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="options">What the event log and the audit trail may keep of the data (its SHA-384 and length are always kept).</param>
    /// <param name="cancellationToken">Cancels waiting for the gate.</param>
    public Task<PcrState> ExtendPcrAsync(
        ushort index, ReadOnlyMemory<byte> data, NsmCaller caller, ExtendDataOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.ExtendPcr, index, NsmOperationOutcome.Succeeded)
        {
            // Cast, not a bare null: null would convert to an empty ReadOnlyMemory through byte[].
            Data = options.Private ? (ReadOnlyMemory<byte>?)null : data,
            DataSha384 = Convert.ToHexStringLower(SHA384.HashData(data.Span)),
            DataLength = data.Length,
            KeepData = options.InAuditTrail && !options.Private,
        };
        return RunAsync(
            record,
            request: null,
            touches: (index, 1),
            // The NSM refuses to extend a locked PCR, so a PCR it just extended is unlocked.
            async ct => new PcrState(index, Locked: false, await client.ExtendPcrAsync(index, data, ct).ConfigureAwait(false)),
            (before, after) => ExtendApplied(before, after, data.Span),
            (done, pcr) =>
            {
                LogExtended(index, caller, data.Length, pcr.Hex);
                Succeed(done, PcrChangeKind.Extended, [pcr]);
            },
            cancellationToken);
    }

    /// <summary>LockPCR: makes one PCR read-only for the life of the enclave. Returns the PCR after.</summary>
    public Task<PcrState> LockPcrAsync(ushort index, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RunAsync(
            new NsmOperationRecord(default, caller, NsmOperationKind.LockPcr, index, NsmOperationOutcome.Succeeded),
            request: null,
            touches: (index, 1),
            async ct =>
            {
                await client.LockPcrAsync(index, ct).ConfigureAwait(false);
                return PcrState.From(index, await client.DescribePcrAsync(index, ct).ConfigureAwait(false));
            },
            LockApplied,
            (done, pcr) =>
            {
                LogLocked(index, caller, pcr.Hex);
                Succeed(done, PcrChangeKind.Locked, [pcr]);
            },
            cancellationToken);
    }

    /// <summary>LockPCRs: locks PCRs <c>[0, range)</c>. Returns those PCRs after.</summary>
    public Task<IReadOnlyList<PcrState>> LockPcrsAsync(
        ushort range, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RunAsync<IReadOnlyList<PcrState>>(
            new NsmOperationRecord(default, caller, NsmOperationKind.LockPcrs, range, NsmOperationOutcome.Succeeded),
            request: null,
            touches: (0, range),
            async ct =>
            {
                await client.LockPcrsAsync(range, ct).ConfigureAwait(false);
                var pcrs = new PcrState[range];
                for (ushort i = 0; i < range; i++)
                {
                    pcrs[i] = PcrState.From(i, await client.DescribePcrAsync(i, ct).ConfigureAwait(false));
                }

                return pcrs;
            },
            LockApplied,
            (done, pcrs) =>
            {
                LogRangeLocked(range, caller);
                Succeed(done, PcrChangeKind.RangeLocked, pcrs);
            },
            cancellationToken);
    }

    /// <summary>
    /// Attestation: a signed document over the caller's nonce, user_data and public_key. It changes no PCR, but a
    /// document binding a caller-chosen public key is a credential (KMS releases secrets to it), so it passes the
    /// same gate and is audited like a mutation; nothing is published.
    /// </summary>
    /// <returns>The document (COSE_Sign1) exactly as the NSM returned it.</returns>
    public Task<ReadOnlyMemory<byte>> GetAttestationDocumentAsync(
        AttestationRequest request, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var fields = AttestationFields(request);
        return RunAsync(
            new NsmOperationRecord(default, caller, NsmOperationKind.Attestation, null, NsmOperationOutcome.Succeeded) { Details = fields },
            request,
            touches: null,
            async ct => await client.GetAttestationDocumentAsync(request, ct).ConfigureAwait(false),
            applied: null,
            (done, document) =>
            {
                var documentSha256 = Convert.ToHexStringLower(SHA256.HashData(document.Span));
                LogAttested(caller, fields, document.Length, documentSha256);
                Record(done with { Details = $"{fields}; document {document.Length} bytes, SHA-256 {documentSha256}" });
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs a read while no mutation is in progress, so that it sees the NSM and the sinks in the same state: the
    /// event log replay compares the log with the live PCRs, and an extend landing between the two reads would
    /// otherwise look like a change made outside the dashboard.
    /// </summary>
    public async Task<T> ReadExclusiveAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    // The one shape of every operation: the role and rate checks (a denial is recorded and thrown), then under the
    // gate the PCRs it touches are read for the record, the NSM is asked, and the outcome is recorded: a success by the
    // operation's own completion; a failure of a PCR operation by FailAsync, which reads the PCRs back when the answer
    // may have been lost after the NSM acted (applied tells from before and after whether it did); any other failure
    // as such (an attestation whose answer was lost changed nothing and reached nobody). The exception is rethrown.
    private async Task<T> RunAsync<T>(
        NsmOperationRecord record,
        AttestationRequest? request,
        (ushort First, int Count)? touches,
        Func<CancellationToken, Task<T>> call,
        Func<IReadOnlyList<PcrState>, IReadOnlyList<PcrState>, bool?>? applied,
        Action<NsmOperationRecord, T> succeeded,
        CancellationToken cancellationToken)
    {
        await DenyUnlessAllowedAsync(record, request, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (touches is { } pcrs)
            {
                record = record with { Before = await ReadBeforeAsync(record, pcrs.First, pcrs.Count, cancellationToken).ConfigureAwait(false) };
            }

            T result;
            try
            {
                result = await call(cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                if (touches is { } touched && applied is not null)
                {
                    var before = record.Before;
                    await FailAsync(record, ex, touched.First, touched.Count, after => applied(before, after)).ConfigureAwait(false);
                }
                else
                {
                    Fail(record, ex);
                }

                throw;
            }

            succeeded(record, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
