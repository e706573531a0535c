namespace NsmDashboard.Attestation;

/// <summary>The application policy (nsm-protocol.md §4.4 step 8): expected PCRs, nonce, maximum age.</summary>
internal sealed partial class VerificationRun
{
    private void CheckPolicy(AttestationDocument document)
    {
        CheckDebugMode(document);
        CheckExpectedPcrs(document);
        CheckExpectedNonce(document);
        CheckFreshness(document);
    }

    private void CheckDebugMode(AttestationDocument document)
    {
        if (_policy.AllowDebugMode)
        {
            NotApplicable(
                AttestationCheckId.DebugMode,
                document.IsDebugMode
                    ? "The policy allows debug-mode enclaves; this one is one (PCR0 is all zero)."
                    : "The policy allows debug-mode enclaves.");
            return;
        }

        if (document.Pcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.DebugMode, "the document has no pcrs");
            return;
        }

        if (!pcrs.ContainsKey(0))
        {
            // Fail closed: debug mode shows only as a zero PCR0.
            Fail(AttestationCheckId.DebugMode, AttestationFailure.DebugMode, "The document has no PCR0, so whether the enclave runs in debug mode cannot be told.");
        }
        else if (document.IsDebugMode)
        {
            Fail(
                AttestationCheckId.DebugMode,
                AttestationFailure.DebugMode,
                "PCR0 is all zero: the enclave runs in debug mode (nitro-cli run-enclave --debug-mode). Its console and memory are open to the parent instance and its PCRs do not measure the image, so it proves nothing about what runs in it.");
        }
        else
        {
            Pass(AttestationCheckId.DebugMode, "PCR0 is not zero: the enclave does not run in debug mode.");
        }
    }

    private void CheckExpectedPcrs(AttestationDocument document)
    {
        var sets = _policy.ExpectedPcrSets;
        if (sets.Count == 0)
        {
            NotApplicable(AttestationCheckId.ExpectedPcrs, "No expected PCR values were given.");
            return;
        }

        if (document.Pcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.ExpectedPcrs, "the document has no pcrs");
            return;
        }

        var details = new List<AttestationCheckDetail>();
        var misses = new List<string>();
        foreach (var set in sets)
        {
            var matched = set.Matches(pcrs, out var mismatches);
            foreach (var (index, expected) in set.Pcrs)
            {
                var actual = pcrs.TryGetValue(index, out var value) ? Hex(value.Span, 64) : "absent";
                details.Add(new($"{set.Name}: PCR{index}", mismatches.Contains(index) ? $"expected {Hex(expected.Span, 64)}, document has {actual}" : Hex(expected.Span, 64), !mismatches.Contains(index)));
            }

            if (matched)
            {
                Pass(
                    AttestationCheckId.ExpectedPcrs,
                    $"The PCRs match the expected set '{set.Name}' ({string.Join(", ", set.Pcrs.Keys.Select(k => $"PCR{k}"))}).",
                    details);
                return;
            }

            misses.Add($"'{set.Name}' differs at {string.Join(", ", mismatches.Select(k => $"PCR{k}"))}");
        }

        var debug = document.IsDebugMode
            ? " The enclave runs in debug mode: PCR0, PCR1 and PCR2 are all zero and never match image measurements."
            : string.Empty;
        Fail(AttestationCheckId.ExpectedPcrs, AttestationFailure.PcrMismatch, $"The PCRs match none of the {Count(sets.Count, "expected set")}: {string.Join("; ", misses)}.{debug}", details);
    }

    private void CheckExpectedNonce(AttestationDocument document)
    {
        if (_policy.ExpectedNonce is not { } expected)
        {
            NotApplicable(AttestationCheckId.ExpectedNonce, "No expected nonce was given.");
            return;
        }

        var details = new AttestationCheckDetail[]
        {
            new("expected", Hex(expected.Span, 128)),
            new("document", document.Nonce.HasBytes ? Hex(document.Nonce.Value.Span, 128) : document.Nonce.ToString()),
        };
        if (document.Nonce.HasBytes && document.Nonce.Value.Span.SequenceEqual(expected.Span))
        {
            Pass(AttestationCheckId.ExpectedNonce, $"The nonce equals the expected {Count(expected.Length, "byte")}.", details);
        }
        else
        {
            Fail(AttestationCheckId.ExpectedNonce, AttestationFailure.NonceMismatch, $"The document's nonce ({document.Nonce}) is not the expected {Count(expected.Length, "byte")}.", details);
        }
    }

    private void CheckFreshness(AttestationDocument document)
    {
        if (_policy.MaxAge is not { } maxAge)
        {
            NotApplicable(AttestationCheckId.Freshness, "No maximum age was given.");
            return;
        }

        if (document.Timestamp is not { } timestamp)
        {
            Skip(AttestationCheckId.Freshness, "the document has no usable timestamp");
            return;
        }

        var age = _at - timestamp;
        var details = new AttestationCheckDetail[]
        {
            new("timestamp", Utc(timestamp)),
            new("validation time", Utc(_at)),
            new("age", Duration(age)),
            new("maximum age", Duration(maxAge)),
        };
        if (-age > _policy.AllowedClockSkew)
        {
            Fail(AttestationCheckId.Freshness, AttestationFailure.TimestampInFuture, $"The document is dated {Utc(timestamp)}, {Duration(-age)} after the validation time {Utc(_at)} (allowed skew {Duration(_policy.AllowedClockSkew)}).", details);
        }
        else if (age > maxAge)
        {
            Fail(AttestationCheckId.Freshness, AttestationFailure.TooOld, $"The document is {Duration(age)} old at {Utc(_at)}; at most {Duration(maxAge)} is allowed.", details);
        }
        else
        {
            Pass(AttestationCheckId.Freshness, $"The document is {Duration(age < TimeSpan.Zero ? TimeSpan.Zero : age)} old, within the maximum of {Duration(maxAge)}.", details);
        }
    }
}
