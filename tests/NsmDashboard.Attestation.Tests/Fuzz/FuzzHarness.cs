using NsmDashboard.Testing.Fuzz;

namespace NsmDashboard.Attestation.Tests.Fuzz;

/// <summary>
/// Feeds mutated documents to the decoder and the verifier and checks the only outcomes allowed: the decoder
/// returns or throws <see cref="AttestationDecodeException"/>; the verifier returns a result listing every check, a
/// Malformed verdict exactly when the decoder refused, and a valid verdict only for a document whose signed bytes
/// (protected header, payload, signature) are those of one of the seed documents — a change of framing alone, such as
/// adding tag 18, may keep a document valid; and every document that decodes has a raw structure (<see cref="AttestationStructure"/>).
/// Anything else throws <see cref="FuzzFinding"/> with the seed, the input's index and its bytes.
/// </summary>
/// <remarks>Used by <see cref="FuzzTests"/> (a few thousand inputs in CI) and the benchmarks' fuzz runner (10⁶).</remarks>
internal sealed class FuzzHarness
{
    /// <summary>The payload and header keys of a document (and a few near misses) for the mutator to try.</summary>
    public static readonly string[] Keys =
    [
        "module_id", "digest", "timestamp", "pcrs", "nitrotpm_pcrs", "certificate", "cabundle", "public_key", "user_data",
        "nonce", "SHA384", "SHA256", "SHA512", "Module_id", "pcrs ", "",
    ];

    private readonly IReadOnlyList<Target> _targets;
    private readonly AttestationDocument[] _originals;
    private readonly CborMutator _mutator;
    private readonly int _seed;

    public FuzzHarness(IReadOnlyList<Target> targets, int seed)
    {
        _targets = targets;
        _seed = seed;
        _originals = targets.Select(t => AttestationDocument.Decode(t.Document)).ToArray();
        _mutator = new CborMutator(targets.Select(t => t.Document), Keys);
    }

    public sealed record Target(string Name, byte[] Document, AttestationVerifier Verifier, DateTimeOffset At);

    /// <summary>One mutated input: which target it came from, its bytes and the mutations applied.</summary>
    public readonly record struct Input(int Target, byte[] Bytes, string Mutation);

    public IReadOnlyList<Target> Targets => _targets;

    /// <summary>Runs <paramref name="count"/> inputs; returns how often each outcome came out (see <see cref="Check"/>).</summary>
    public static IReadOnlyDictionary<string, int> Run(IReadOnlyList<Target> targets, int count, int seed)
    {
        var harness = new FuzzHarness(targets, seed);
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
        var target = (int)(index % _targets.Count);
        var (bytes, mutation) = _mutator.Mutate(_targets[target].Document, random);
        return new Input(target, bytes, mutation);
    }

    /// <summary>
    /// Decodes and verifies one input; returns <c>decode error: PATH: KIND</c>, <c>verdict: FAILURE</c> or <c>valid</c>.
    /// </summary>
    /// <exception cref="FuzzFinding">An outcome that must never happen.</exception>
    public string Check(long index, Input input)
    {
        var target = _targets[input.Target];
        var mutated = input.Bytes;
        FuzzFinding Finding(string what, Exception? cause = null) => new(what, target.Name, _seed, index, mutated, cause);

        var (decoded, decodeError) = FuzzSteps.Decode<AttestationDocument, AttestationDecodeException>(
            () => AttestationDocument.Decode(mutated), e => Finding($"the decoder threw {e.GetType().Name}: {e.Message}", e));
        if (decoded is not null)
        {
            // Every well-formed document has a raw structure, whatever else is wrong with it.
            FuzzSteps.MustNotThrow(
                () => AttestationStructure.Read(decoded), e => Finding($"the structure view threw {e.GetType().Name}: {e.Message}", e));
        }

        AttestationVerificationResult result;
        try
        {
            result = target.Verifier.Verify(mutated, target.At);
        }
        catch (Exception e)
        {
            throw Finding($"the verifier threw {e.GetType().Name}: {e.Message}", e);
        }

        if ((decoded is null) != (result.Failure == AttestationFailure.Malformed))
        {
            throw Finding($"decoder and verifier disagree: verdict {result.Failure}");
        }

        // Valid only with the signed bytes of a seed: the mutator splices items between seeds, and two built documents
        // are signed by the same test leaf, so a splice can carry another seed's whole signed content.
        if (result.IsValid && decoded is not null && !Array.Exists(_originals, original => SameSignedBytes(original, decoded)))
        {
            throw Finding("a document with changed signed bytes was reported valid");
        }

        if (result.Checks.Count != AttestationChecks.All.Count)
        {
            throw Finding("the result does not list every check");
        }

        return decodeError is not null ? $"decode error: {FuzzLabels.PathHead(decodeError.Path)}: {FuzzLabels.Kind(decodeError.Problem)}"
            : result.IsValid ? "valid"
            : $"verdict: {result.Failure}";
    }

    private static bool SameSignedBytes(AttestationDocument a, AttestationDocument b) =>
        a.RawProtectedHeader.Span.SequenceEqual(b.RawProtectedHeader.Span)
        && a.RawPayload.Span.SequenceEqual(b.RawPayload.Span)
        && a.Signature.Span.SequenceEqual(b.Signature.Span);
}
