using System.Buffers;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm;

/// <summary>
/// The typed NSM API over any <see cref="INsmTransport"/>: encodes a request, exchanges bytes, decodes the
/// response, and turns <c>{"Error": …}</c> into an <see cref="NsmException"/> carrying its code.
/// Thread-safe when the transport is (both shipped transports are).
/// </summary>
/// <remarks>
/// The methods are asynchronous in shape so that callers need not change if a transport becomes truly
/// asynchronous; today they complete synchronously, because one NSM call is a short ioctl that the
/// kernel serialises (docs/nsm-ioctl.md#driver-steps step 3) and offloading it would cost more than it blocks.
/// The client does not own the transport.
/// </remarks>
public sealed class NsmClient
{
    /// <summary>Creates a client over a transport.</summary>
    public NsmClient(INsmTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        Transport = transport;
    }

    /// <summary>The transport this client talks through.</summary>
    public INsmTransport Transport { get; }

    /// <summary>DescribeNSM: version, module id, PCR count, locked PCRs and digest.</summary>
    public ValueTask<DescribeNsmResponse> DescribeNsmAsync(CancellationToken cancellationToken = default) =>
        Call<DescribeNsmResponse>(DescribeNsmRequest.Instance, cancellationToken);

    /// <summary>DescribePCR: one PCR's value and lock state.</summary>
    public ValueTask<DescribePcrResponse> DescribePcrAsync(ushort index, CancellationToken cancellationToken = default) =>
        Call<DescribePcrResponse>(new DescribePcrRequest(index), cancellationToken);

    /// <summary>ExtendPCR: PCR ← SHA-384(PCR ‖ data). Returns the new value.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ExtendPcrAsync(
        ushort index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        (await Call<ExtendPcrResponse>(new ExtendPcrRequest(index, data), cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>LockPCR: makes one PCR read-only for the life of the enclave.</summary>
    public async ValueTask LockPcrAsync(ushort index, CancellationToken cancellationToken = default) =>
        await Call<LockPcrResponse>(new LockPcrRequest(index), cancellationToken).ConfigureAwait(false);

    /// <summary>LockPCRs: locks PCRs <c>[0, range)</c>.</summary>
    public async ValueTask LockPcrsAsync(ushort range, CancellationToken cancellationToken = default) =>
        await Call<LockPcrsResponse>(new LockPcrsRequest(range), cancellationToken).ConfigureAwait(false);

    /// <summary>Attestation: a signed COSE_Sign1 document over the given optional fields.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetAttestationDocumentAsync(
        AttestationRequest request, CancellationToken cancellationToken = default) =>
        (await Call<AttestationResponse>(request, cancellationToken).ConfigureAwait(false)).Document;

    /// <summary>GetRandom: the NSM's block of random bytes (256 on Nitro).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> GetRandomAsync(CancellationToken cancellationToken = default) =>
        (await Call<GetRandomResponse>(GetRandomRequest.Instance, cancellationToken).ConfigureAwait(false)).Random;

    /// <summary>
    /// Sends any request and returns whatever the NSM answered, <see cref="ErrorResponse"/> included.
    /// </summary>
    /// <exception cref="NsmDeviceException">The transport failed.</exception>
    /// <exception cref="NsmProtocolException">The answer is not a valid NSM response.</exception>
    public NsmResponse Send(NsmRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestBuffer = ArrayPool<byte>.Shared.Rent(NsmLimits.RequestMaxSize + 64);
        var responseBuffer = ArrayPool<byte>.Shared.Rent(NsmLimits.ResponseMaxSize);
        try
        {
            int requestLength;
            try
            {
                requestLength = NsmCbor.EncodeRequest(request, requestBuffer);
            }
            catch (ArgumentException)
            {
                // Larger than any request the driver takes: refuse it the way the driver would.
                return SendOversized(request);
            }

            var length = Transport.Exchange(requestBuffer.AsSpan(0, requestLength), responseBuffer.AsSpan(0, NsmLimits.ResponseMaxSize));
            return NsmCbor.DecodeResponse(responseBuffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(requestBuffer);
            ArrayPool<byte>.Shared.Return(responseBuffer);
        }
    }

    private NsmResponse SendOversized(NsmRequest request)
    {
        var bytes = NsmCbor.EncodeRequest(request);
        var response = new byte[NsmLimits.ResponseMaxSize];
        var length = Transport.Exchange(bytes, response);
        return NsmCbor.DecodeResponse(response.AsMemory(0, length));
    }

    private ValueTask<T> Call<T>(NsmRequest request, CancellationToken cancellationToken)
        where T : NsmResponse
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Expect<T>(request, Send(request)));
        }
        catch (Exception e) when (e is NsmException)
        {
            return ValueTask.FromException<T>(e);
        }
    }

    private static T Expect<T>(NsmRequest request, NsmResponse response)
        where T : NsmResponse => response switch
        {
            T expected => expected,
            ErrorResponse error => throw new NsmException(error.Code),
            _ => throw new NsmProtocolException(
                $"The NSM answered {request.Name} with a {response.Name} response.", 0),
        };
}
