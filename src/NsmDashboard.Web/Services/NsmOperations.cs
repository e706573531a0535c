using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Model;

namespace NsmDashboard.Web.Services;

/// <summary>
/// The only way the dashboard changes the NSM: extend, lock and lock-range, from the UI and the API alike; and
/// the gate for attestation requests, whose documents are credentials.
/// Each call is logged as an audit line naming the caller, serialised with the other mutations, and on
/// success published through <see cref="PcrChangeNotifier"/> so every open view updates. Authorization,
/// rate limits or an event log belong here, in front of the NSM, and nowhere else.
/// </summary>
/// <remarks>
/// Methods throw <see cref="NsmException"/> (ReadOnlyIndex for a locked PCR, InvalidIndex out of range,
/// InputTooLarge over the request limit, …) or <see cref="NsmDeviceException"/> unchanged; nothing is
/// published for a refused request.
/// </remarks>
public sealed partial class NsmOperations(
    NsmClient client,
    PcrChangeNotifier notifier,
    TimeProvider timeProvider,
    ILogger<NsmOperations> logger) : IDisposable
{
    // One mutation at a time, so that the state read back after a lock and the order of published
    // changes match the order in which the NSM applied them.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>ExtendPCR: PCR ← H(PCR ‖ data). Returns the PCR after the extend.</summary>
    public async Task<PcrState> ExtendPcrAsync(
        ushort index, ReadOnlyMemory<byte> data, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ReadOnlyMemory<byte> value;
            try
            {
                value = await client.ExtendPcrAsync(index, data, cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                LogRefused("ExtendPCR", index, caller, ex.ErrorCode, ex.Message);
                throw;
            }

            // The NSM refuses to extend a locked PCR, so a PCR it just extended is unlocked.
            var pcr = new PcrState(index, Locked: false, value);
            LogExtended(index, caller, data.Length, pcr.Hex);
            Publish(PcrChangeKind.Extended, [pcr], caller);
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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                await client.LockPcrAsync(index, cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                LogRefused("LockPCR", index, caller, ex.ErrorCode, ex.Message);
                throw;
            }

            var pcr = PcrState.From(index, await client.DescribePcrAsync(index, cancellationToken).ConfigureAwait(false));
            LogLocked(index, caller, pcr.Hex);
            Publish(PcrChangeKind.Locked, [pcr], caller);
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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                await client.LockPcrsAsync(range, cancellationToken).ConfigureAwait(false);
            }
            catch (NsmException ex)
            {
                LogRefused("LockPCRs", range, caller, ex.ErrorCode, ex.Message);
                throw;
            }

            var pcrs = new PcrState[range];
            for (ushort i = 0; i < range; i++)
            {
                pcrs[i] = PcrState.From(i, await client.DescribePcrAsync(i, cancellationToken).ConfigureAwait(false));
            }

            LogRangeLocked(range, caller);
            Publish(PcrChangeKind.RangeLocked, pcrs, caller);
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
                LogAttestationRefused(caller, fields, ex.ErrorCode, ex.Message);
                throw;
            }

            var documentSha256 = Convert.ToHexStringLower(SHA256.HashData(document.Span));
            LogAttested(caller, fields, document.Length, documentSha256);
            return document;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private static string AttestationFields(AttestationRequest request)
    {
        static string Length(ReadOnlyMemory<byte>? field) =>
            field is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes") : "none";

        var key = request.PublicKey is { } publicKey
            ? string.Create(CultureInfo.InvariantCulture, $"{publicKey.Length} bytes, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(publicKey.Span))}")
            : "none";
        return $"nonce {Length(request.Nonce)}, user_data {Length(request.UserData)}, public_key {key}";
    }

    private void Publish(PcrChangeKind kind, IReadOnlyList<PcrState> pcrs, NsmCaller caller) =>
        notifier.Publish(new PcrChange(kind, pcrs, caller, timeProvider.GetUtcNow()));

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
    private partial void LogRefused(string operation, ushort argument, NsmCaller caller, NsmErrorCode errorCode, string reason);
}
