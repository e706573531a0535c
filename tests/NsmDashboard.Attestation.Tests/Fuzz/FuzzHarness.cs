namespace NsmDashboard.Attestation.Tests.Fuzz;

/// <summary>
/// Feeds mutated documents to the decoder and the verifier and checks the only outcomes allowed: the decoder
/// returns or throws <see cref="AttestationDecodeException"/>; the verifier returns a result, and a valid verdict
/// only for a document whose signed bytes (protected header, payload, signature) are those of the original —
/// a change of framing alone, such as adding tag 18, may keep a document valid; and every document that decodes has a
/// raw structure (<see cref="AttestationStructure"/>). Anything else throws
/// <see cref="InvalidOperationException"/> with the seed and the mutated bytes so a failure can be replayed.
/// </summary>
internal static class FuzzHarness
{
    public sealed record Target(string Name, byte[] Document, AttestationVerifier Verifier, DateTimeOffset At);

    /// <summary>Runs <paramref name="mutations"/> mutations spread over the targets; returns how often each failure reason came out.</summary>
    public static IReadOnlyDictionary<AttestationFailure, int> Run(IReadOnlyList<Target> targets, int mutations, int seed)
    {
        var mutator = new DocumentMutator(seed);
        var originals = targets.Select(t => AttestationDocument.Decode(t.Document)).ToArray();
        var outcomes = new Dictionary<AttestationFailure, int>();
        for (var i = 0; i < mutations; i++)
        {
            var index = i % targets.Count;
            var target = targets[index];
            var mutated = mutator.Mutate(target.Document);
            var failure = Check(target, originals[index], mutated, seed, i);
            outcomes[failure] = outcomes.GetValueOrDefault(failure) + 1;
        }

        return outcomes;
    }

    private static AttestationFailure Check(Target target, AttestationDocument original, byte[] mutated, int seed, int iteration)
    {
        string Replay(string what) =>
            $"{what} (target {target.Name}, seed {seed}, mutation {iteration}): {Convert.ToHexStringLower(mutated)}";

        AttestationDocument? decoded = null;
        try
        {
            decoded = AttestationDocument.Decode(mutated);
        }
        catch (AttestationDecodeException)
        {
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(Replay($"the decoder threw {e.GetType().Name}: {e.Message}"), e);
        }

        if (decoded is not null)
        {
            try
            {
                // Every well-formed document has a raw structure, whatever else is wrong with it.
                AttestationStructure.Read(decoded);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(Replay($"the structure view threw {e.GetType().Name}: {e.Message}"), e);
            }
        }

        AttestationVerificationResult result;
        try
        {
            result = target.Verifier.Verify(mutated, target.At);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(Replay($"the verifier threw {e.GetType().Name}: {e.Message}"), e);
        }

        if ((decoded is null) != (result.Failure == AttestationFailure.Malformed))
        {
            throw new InvalidOperationException(Replay($"decoder and verifier disagree: verdict {result.Failure}"));
        }

        if (result.IsValid && decoded is not null && !SameSignedBytes(original, decoded))
        {
            throw new InvalidOperationException(Replay("a document with changed signed bytes was reported valid"));
        }

        if (result.Checks.Count != AttestationChecks.All.Count)
        {
            throw new InvalidOperationException(Replay("the result does not list every check"));
        }

        return result.Failure;
    }

    private static bool SameSignedBytes(AttestationDocument a, AttestationDocument b) =>
        a.RawProtectedHeader.Span.SequenceEqual(b.RawProtectedHeader.Span)
        && a.RawPayload.Span.SequenceEqual(b.RawPayload.Span)
        && a.Signature.Span.SequenceEqual(b.Signature.Span);
}
