using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Testing.Fuzz;

namespace NsmDashboard.Nsm.Tests.Fuzz;

/// <summary>
/// Fuzzes the NSM codec with structure-aware mutations of real messages: the responses the emulator gives to every
/// kind of request, success and error (byte-exact with the device's: the codec tests check them against
/// docs/nsm-messages.md#hex-vectors). A mutated response goes to
/// <see cref="NsmCbor.DecodeResponse"/> — it may only decode or throw <see cref="NsmProtocolException"/> — and, through a
/// transport that answers with it, to the <see cref="NsmClient"/> call that asked for the original, which may only return
/// or throw <see cref="NsmException"/>, consistently with the decoder (a decode error is a protocol error, an Error
/// response its code, another variant a protocol error). One input in four is a mutated request sent to the emulator,
/// which must answer with a response (an error) and never throw anything but <see cref="NsmException"/>.
/// </summary>
/// <remarks>Used by <see cref="NsmFuzzTests"/> (a few thousand inputs in CI) and the benchmarks' fuzz runner (10⁶).</remarks>
internal sealed class NsmFuzzHarness : IDisposable
{
    /// <summary>Variant and field names of the protocol (and near misses) for the mutator to try.</summary>
    public static readonly string[] Keys =
    [
        "DescribeNSM", "DescribePCR", "ExtendPCR", "LockPCR", "LockPCRs", "GetRandom", "Attestation", "Error",
        "index", "data", "lock", "range", "user_data", "nonce", "public_key", "document", "random", "version_major",
        "version_minor", "version_patch", "module_id", "max_pcrs", "locked_pcrs", "digest", "SHA256", "SHA384", "SHA512",
        "InvalidIndex", "InvalidResponse", "ReadOnlyIndex", "InvalidOperation", "BufferTooSmall", "InputTooLarge",
        "InternalError", "Success", "describepcr", "Lock",
    ];

    private readonly NsmEmulator _emulator;
    private readonly List<Seed> _responses = [];
    private readonly List<byte[]> _requests = [];
    private readonly CborMutator _responseMutator;
    private readonly CborMutator _requestMutator;
    private readonly int _seed;

    public NsmFuzzHarness(int seed)
    {
        _seed = seed;
        _emulator = new NsmEmulator();
        NsmRequest[] requests =
        [
            DescribeNsmRequest.Instance, new DescribePcrRequest(0), new DescribePcrRequest(16), new ExtendPcrRequest(16, new byte[] { 1, 2, 3 }),
            new ExtendPcrRequest(17, new byte[1024]), new LockPcrRequest(20), new LockPcrsRequest(16), GetRandomRequest.Instance,
            new AttestationRequest(), new AttestationRequest(new byte[] { 1, 2, 3, 4 }, new byte[] { 0xaa, 0xbb }, null),
            new DescribePcrRequest(99), new LockPcrRequest(3), new ExtendPcrRequest(0, new byte[] { 1 }),
        ];
        var buffer = new byte[NsmLimits.ResponseMaxSize];
        foreach (var request in requests)
        {
            var encoded = NsmCbor.EncodeRequest(request);
            _requests.Add(encoded);
            var length = _emulator.Exchange(encoded, buffer);
            _responses.Add(new Seed(request, buffer[..length]));
        }

        _responseMutator = new CborMutator(_responses.Select(r => r.Bytes), Keys);
        _requestMutator = new CborMutator(_requests, Keys);
    }

    /// <summary>A real response and the request it answered.</summary>
    public sealed record Seed(NsmRequest Request, byte[] Bytes);

    /// <summary>One mutated input: a response to decode (for a request), or a request for the emulator.</summary>
    public readonly record struct Input(bool IsRequest, int Seed, byte[] Bytes, string Mutation);

    public IReadOnlyList<Seed> Responses => _responses;

    /// <summary>Runs <paramref name="count"/> inputs; returns how often each outcome came out.</summary>
    public static IReadOnlyDictionary<string, int> Run(int count, int seed)
    {
        using var harness = new NsmFuzzHarness(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var outcome = harness.Check(i, harness.Next(i));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        return outcomes;
    }

    /// <summary>The input number <paramref name="index"/> of this seed (the same every time).</summary>
    public Input Next(long index)
    {
        var random = FuzzLabels.InputRandom(_seed, index);
        if (index % 4 == 3)
        {
            var request = random.Next(_requests.Count);
            var (bytes, mutation) = _requestMutator.Mutate(_requests[request], random);
            return new Input(true, request, bytes, mutation);
        }

        var response = random.Next(_responses.Count);
        var (mutated, kind) = _responseMutator.Mutate(_responses[response].Bytes, random);
        return new Input(false, response, mutated, kind);
    }

    /// <summary>Checks one input; returns <c>response: decoded NAME</c>, <c>response: protocol error: KIND</c> or <c>request: …</c>.</summary>
    /// <exception cref="FuzzFinding">An outcome that must never happen.</exception>
    public string Check(long index, Input input) => input.IsRequest ? CheckRequest(index, input) : CheckResponse(index, input);

    public void Dispose() => _emulator.Dispose();

    private string CheckResponse(long index, Input input)
    {
        var seed = _responses[input.Seed];
        FuzzFinding Finding(string what, Exception? cause = null) => new(what, "response to " + seed.Request.Name, _seed, index, input.Bytes, cause);

        var (decoded, decodeError) = FuzzSteps.Decode<NsmResponse, NsmProtocolException>(
            () => NsmCbor.DecodeResponse(input.Bytes), e => Finding($"DecodeResponse threw {e.GetType().Name}: {e.Message}", e));
        if (decoded is not null)
        {
            // What decodes can be written again (the emulator and the CLI's raw command do).
            FuzzSteps.MustNotThrow(
                () => NsmCbor.EncodeResponse(decoded),
                e => Finding($"EncodeResponse of a decoded {decoded.Name} threw {e.GetType().Name}: {e.Message}", e));
        }

        // The client's typed call for the original request, answered with these bytes.
        using var transport = new AnsweringTransport(input.Bytes);
        Exception? clientError = null;
        try
        {
            Call(new NsmClient(transport), seed.Request);
        }
        catch (NsmException e)
        {
            clientError = e;
        }
        catch (Exception e)
        {
            throw Finding($"NsmClient threw {e.GetType().Name}: {e.Message}", e);
        }

        var expected = decodeError is not null || input.Bytes.Length > NsmLimits.ResponseMaxSize ? "protocol error"
            : decoded is ErrorResponse ? "error response"
            : decoded!.GetType() != ResponseTypeOf(seed.Request) ? "protocol error"
            : "success";
        var actual = clientError switch
        {
            null => "success",
            NsmProtocolException => "protocol error",
            NsmException e when decoded is ErrorResponse error && e.ErrorCode == error.Code => "error response",
            _ => "other: " + clientError.GetType().Name,
        };
        if (expected != actual && !(input.Bytes.Length > NsmLimits.ResponseMaxSize))
        {
            throw Finding($"the client says {actual} where the decoder says {expected}", clientError);
        }

        return decodeError is not null
            ? $"response: protocol error: {FuzzLabels.Kind(decodeError.Message)}"
            : $"response: decoded {decoded!.Name}{(decoded.GetType() != ResponseTypeOf(seed.Request) ? " (not the variant asked for)" : string.Empty)}";
    }

    private string CheckRequest(long index, Input input)
    {
        FuzzFinding Finding(string what, Exception? cause = null) => new(what, "emulator request", _seed, index, input.Bytes, cause);
        var buffer = new byte[NsmLimits.ResponseMaxSize];
        int length;
        try
        {
            length = _emulator.Exchange(input.Bytes, buffer);
        }
        catch (NsmException e)
        {
            return $"request: refused: {e.ErrorCode}";
        }
        catch (Exception e)
        {
            throw Finding($"the emulator threw {e.GetType().Name}: {e.Message}", e);
        }

        NsmResponse response;
        try
        {
            response = NsmCbor.DecodeResponse(buffer.AsMemory(0, length));
        }
        catch (Exception e)
        {
            throw Finding($"the emulator's answer does not decode: {e.Message}", e);
        }

        return response is ErrorResponse error ? $"request: answered Error {error.Code}" : $"request: answered {response.Name}";
    }

    private static Type ResponseTypeOf(NsmRequest request) => request switch
    {
        DescribeNsmRequest => typeof(DescribeNsmResponse),
        DescribePcrRequest => typeof(DescribePcrResponse),
        ExtendPcrRequest => typeof(ExtendPcrResponse),
        LockPcrRequest => typeof(LockPcrResponse),
        LockPcrsRequest => typeof(LockPcrsResponse),
        AttestationRequest => typeof(AttestationResponse),
        GetRandomRequest => typeof(GetRandomResponse),
        _ => throw new ArgumentOutOfRangeException(nameof(request)),
    };

    private static void Call(NsmClient client, NsmRequest request)
    {
        switch (request)
        {
            case DescribeNsmRequest: client.DescribeNsmAsync().AsTask().GetAwaiter().GetResult(); break;
            case DescribePcrRequest r: client.DescribePcrAsync(r.Index).AsTask().GetAwaiter().GetResult(); break;
            case ExtendPcrRequest r: client.ExtendPcrAsync(r.Index, r.Data).AsTask().GetAwaiter().GetResult(); break;
            case LockPcrRequest r: client.LockPcrAsync(r.Index).AsTask().GetAwaiter().GetResult(); break;
            case LockPcrsRequest r: client.LockPcrsAsync(r.Range).AsTask().GetAwaiter().GetResult(); break;
            case AttestationRequest r: client.GetAttestationDocumentAsync(r).AsTask().GetAwaiter().GetResult(); break;
            case GetRandomRequest: client.GetRandomAsync().AsTask().GetAwaiter().GetResult(); break;
        }
    }

    /// <summary>A device that answers every request with the given bytes (as much of them as the response buffer holds).</summary>
    private sealed class AnsweringTransport(byte[] answer) : INsmTransport
    {
        public NsmTransportKind Kind => NsmTransportKind.Device;

        public string Description => "fuzz";

        public int Exchange(ReadOnlySpan<byte> request, Span<byte> response)
        {
            var length = Math.Min(answer.Length, response.Length);
            answer.AsSpan(0, length).CopyTo(response);
            return length;
        }

        public void Dispose()
        {
        }
    }
}
