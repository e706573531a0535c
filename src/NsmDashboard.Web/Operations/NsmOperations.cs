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
/// published for a refused request, but it is recorded. When the answer to an extend or lock is lost on the way (a
/// device errno after sending, an undecodable answer) the NSM may have applied it: the PCRs are read back, the record
/// says <see cref="NsmOperationOutcome.Unknown"/> with what they show (or <see cref="NsmOperationOutcome.Failed"/> when
/// they are unchanged), and the values read back are published as <see cref="PcrChangeKind.Uncertain"/> — never as a
/// success, so the event log only ever holds extends the NSM confirmed.
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
    public async Task<PcrState> ExtendPcrAsync(
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
        await DenyUnlessAllowedAsync(record, null, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            record = record with { Before = await ReadBeforeAsync(record, index, 1, cancellationToken).ConfigureAwait(false) };
            ReadOnlyMemory<byte> value;
            try
            {
                value = await client.ExtendPcrAsync(index, data, cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                await FailAsync(record, ex, index, 1, after => ExtendApplied(record.Before, after, data.Span)).ConfigureAwait(false);
                throw;
            }

            // The NSM refuses to extend a locked PCR, so a PCR it just extended is unlocked.
            var pcr = new PcrState(index, Locked: false, value);
            LogExtended(index, caller, data.Length, pcr.Hex);
            Succeed(record, PcrChangeKind.Extended, [pcr]);
            return pcr;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>LockPCR: makes one PCR read-only for the life of the enclave. Returns the PCR after.</summary>
    public async Task<PcrState> LockPcrAsync(ushort index, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.LockPcr, index, NsmOperationOutcome.Succeeded);
        await DenyUnlessAllowedAsync(record, null, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            record = record with { Before = await ReadBeforeAsync(record, index, 1, cancellationToken).ConfigureAwait(false) };
            PcrState pcr;
            try
            {
                await client.LockPcrAsync(index, cancellationToken).ConfigureAwait(false);
                pcr = PcrState.From(index, await client.DescribePcrAsync(index, cancellationToken).ConfigureAwait(false));
            }
            catch (NsmException ex)
            {
                await FailAsync(record, ex, index, 1, after => LockApplied(record.Before, after)).ConfigureAwait(false);
                throw;
            }

            LogLocked(index, caller, pcr.Hex);
            Succeed(record, PcrChangeKind.Locked, [pcr]);
            return pcr;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>LockPCRs: locks PCRs <c>[0, range)</c>. Returns those PCRs after.</summary>
    public async Task<IReadOnlyList<PcrState>> LockPcrsAsync(
        ushort range, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.LockPcrs, range, NsmOperationOutcome.Succeeded);
        await DenyUnlessAllowedAsync(record, null, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            record = record with { Before = await ReadBeforeAsync(record, 0, range, cancellationToken).ConfigureAwait(false) };
            var pcrs = new PcrState[range];
            try
            {
                await client.LockPcrsAsync(range, cancellationToken).ConfigureAwait(false);
                for (ushort i = 0; i < range; i++)
                {
                    pcrs[i] = PcrState.From(i, await client.DescribePcrAsync(i, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (NsmException ex)
            {
                await FailAsync(record, ex, 0, range, after => LockApplied(record.Before, after)).ConfigureAwait(false);
                throw;
            }

            LogRangeLocked(range, caller);
            Succeed(record, PcrChangeKind.RangeLocked, pcrs);
            return pcrs;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Attestation: a signed document over the caller's nonce, user_data and public_key. It changes no PCR, but a
    /// document binding a caller-chosen public key is a credential (KMS releases secrets to it), so it passes the
    /// same gate and is audited like a mutation; nothing is published.
    /// </summary>
    /// <returns>The document (COSE_Sign1) exactly as the NSM returned it.</returns>
    public async Task<ReadOnlyMemory<byte>> GetAttestationDocumentAsync(
        AttestationRequest request, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var fields = AttestationFields(request);
        var record = new NsmOperationRecord(default, caller, NsmOperationKind.Attestation, null, NsmOperationOutcome.Succeeded)
        {
            Details = fields,
        };
        await DenyUnlessAllowedAsync(record, request, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ReadOnlyMemory<byte> document;
            try
            {
                document = await client.GetAttestationDocumentAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                // A document whose answer was lost changed nothing and reached nobody: a failure, whatever the NSM did.
                Fail(record, ex);
                throw;
            }

            var documentSha256 = Convert.ToHexStringLower(SHA256.HashData(document.Span));
            LogAttested(caller, fields, document.Length, documentSha256);
            Record(record with { Details = $"{fields}; document {document.Length} bytes, SHA-256 {documentSha256}" });
            return document;
        }
        finally
        {
            _gate.Release();
        }
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
}
