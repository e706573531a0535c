using System.Security.Cryptography;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Emulator;

public sealed partial class NsmEmulator
{
    private static readonly ErrorResponse InvalidOperation = new(NsmErrorCode.InvalidOperation);
    private static readonly ErrorResponse InputTooLarge = new(NsmErrorCode.InputTooLarge);
    private static readonly ErrorResponse InternalError = new(NsmErrorCode.InternalError);

    /// <summary>The NSM's answer to one request (docs/pcrs.md#errors); never throws for anything a caller can send.</summary>
    private NsmResponse Handle(ReadOnlySpan<byte> requestBytes)
    {
        NsmRequest request;
        try
        {
            request = NsmCbor.DecodeRequest(requestBytes.ToArray());
        }
        catch (NsmProtocolException)
        {
            // Garbage, a wrong shape or an unknown variant: QEMU answers InvalidOperation (docs/emulator.md#garbage-requests); real NSM's
            // exact choice is undocumented.
            return InvalidOperation;
        }

        return request switch
        {
            DescribePcrRequest r => _pcrs.Describe(r.Index),
            ExtendPcrRequest r => _pcrs.Extend(r.Index, r.Data.Span),
            LockPcrRequest r => _pcrs.Lock(r.Index),
            LockPcrsRequest r => _pcrs.LockRange(r.Range),
            DescribeNsmRequest => DescribeNsm(),
            AttestationRequest r => Attest(r),
            GetRandomRequest => new GetRandomResponse(RandomNumberGenerator.GetBytes(NsmLimits.RandomSize)),
            _ => InvalidOperation,
        };
    }

    private DescribeNsmResponse DescribeNsm() => new(
        VersionMajor: 1,
        VersionMinor: 0,
        VersionPatch: 0,
        ModuleId,
        MaxPcrs: NsmLimits.PcrCount,
        LockedPcrs: _pcrs.LockedIndices(),
        NsmDigest.Sha384);

    private NsmResponse Attest(AttestationRequest request)
    {
        // AWS's spec bounds each field to 1024 bytes (docs/emulator.md#attestation-inputs); above that, InputTooLarge.
        if (TooLarge(request.UserData) || TooLarge(request.Nonce) || TooLarge(request.PublicKey))
        {
            return InputTooLarge;
        }

        // The PCR lock is held only for the snapshot; signing (~1 ms) runs outside it.
        var lockedPcrs = _pcrs.SnapshotLocked();
        try
        {
            var document = _signer.CreateDocument(
                ModuleId,
                _timeProvider.GetUtcNow(),
                lockedPcrs,
                request.PublicKey,
                request.UserData,
                request.Nonce);
            return new AttestationResponse(document);
        }
        catch (Exception ex) when (ex is EmulatorCertificateAuthorityException or CryptographicException)
        {
            // The module could not sign (e.g. the clock left the root's validity): what a device reports
            // when it fails internally.
            return InternalError;
        }
    }

    private static bool TooLarge(ReadOnlyMemory<byte>? field) =>
        field is { Length: > NsmLimits.AttestationFieldMaxSize };
}
