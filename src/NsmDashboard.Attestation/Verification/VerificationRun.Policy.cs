namespace NsmDashboard.Attestation;

/// <summary>The application policy (docs/attestation-verification.md#expected-kind to #freshness): expected PCRs, nonce, maximum age.</summary>
internal sealed partial class VerificationRun
{
    private void CheckPolicy(AttestationDocument document)
    {
        CheckExpectedKind(document);
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
                    ? "The policy allows debug-mode enclaves; this one is one (PCR0, PCR1 and PCR2 are all zero)."
                    : "The policy allows debug-mode enclaves.");
            return;
        }

        if (document.Kind != AttestationDocumentKind.NitroEnclave)
        {
            NotApplicable(AttestationCheckId.DebugMode, "Debug mode exists only for enclaves; this is a NitroTPM document.");
            return;
        }

        if (document.Pcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.DebugMode, "the document has no pcrs");
            return;
        }

        if (EnclaveDebugMode.ZeroPcrs.FirstOrDefault(i => !pcrs.ContainsKey(i), -1) is var missing and >= 0)
        {
            // Fail closed: debug mode shows only as zero PCR0, PCR1 and PCR2 (EnclaveDebugMode).
            Fail(AttestationCheckId.DebugMode, AttestationFailure.DebugMode, $"The document has no PCR{missing}, so whether the enclave runs in debug mode cannot be told.");
        }
        else if (document.IsDebugMode)
        {
            Fail(
                AttestationCheckId.DebugMode,
                AttestationFailure.DebugMode,
                "PCR0, PCR1 and PCR2 are all zero: the enclave runs in debug mode (nitro-cli run-enclave --debug-mode). Its console and memory are open to the parent instance and its PCRs do not measure the image, so it proves nothing about what runs in it.");
        }
        else
        {
            Pass(AttestationCheckId.DebugMode, "PCR0, PCR1 and PCR2 are not all zero: the enclave does not run in debug mode.");
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

        if (document.Kind is not { } kind)
        {
            Skip(AttestationCheckId.ExpectedPcrs, "the document's kind, and so which PCRs to compare, is undecided");
            return;
        }

        var key = AttestationDocumentKinds.PcrsKeyOf(kind);
        if (document.KindPcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.ExpectedPcrs, $"the document has no {key}");
            return;
        }

        var details = new List<AttestationCheckDetail>();
        var misses = new List<string>();
        var wrongKind = 0;
        foreach (var set in sets)
        {
            if (set.Kind != kind)
            {
                // Same index, different register: enclave PCR4 is the parent instance id, NitroTPM PCR4 the boot loader.
                wrongKind++;
                details.Add(new(set.Name, $"a {AttestationDocumentKinds.NameOf(set.Kind)} set; this is a {AttestationDocumentKinds.NameOf(kind)} document", false));
                misses.Add($"'{set.Name}' is a {AttestationDocumentKinds.NameOf(set.Kind)} set and never matches a {AttestationDocumentKinds.NameOf(kind)} document");
                continue;
            }

            var matched = set.Matches(pcrs, out var mismatches);
            foreach (var (index, expected) in set.Pcrs)
            {
                var actual = pcrs.TryGetValue(index, out var value) ? Hex(value.Span, 64) : "absent";
                details.Add(new($"{set.Name}: {PcrLabel(kind, index)}", mismatches.Contains(index) ? $"expected {Hex(expected.Span, 64)}, document has {actual}" : Hex(expected.Span, 64), !mismatches.Contains(index)));
            }

            if (matched)
            {
                Pass(
                    AttestationCheckId.ExpectedPcrs,
                    $"{PcrsOf(kind)} match the expected set '{set.Name}' ({string.Join(", ", set.Pcrs.Keys.Select(k => $"PCR{k}"))}).",
                    details);
                return;
            }

            misses.Add($"'{set.Name}' differs at {string.Join(", ", mismatches.Select(k => $"PCR{k}"))}");
        }

        var debug = document.IsDebugMode
            ? " The enclave runs in debug mode: PCR0, PCR1 and PCR2 are all zero and never match image measurements."
            : string.Empty;
        var failure = wrongKind == sets.Count ? AttestationFailure.PolicyKindMismatch : AttestationFailure.PcrMismatch;
        Fail(AttestationCheckId.ExpectedPcrs, failure, $"{PcrsOf(kind)} match none of the {Count(sets.Count, "expected set")}: {string.Join("; ", misses)}.{debug}", details);
    }

    /// <summary>
    /// The subject of the evidence: "The PCRs" of an enclave, and for a NitroTPM, saying plainly that its
    /// nitrotpm_pcrs (not enclave PCRs) were compared — <c>--expect-pcr N</c> addresses the TPM's PCR N there.
    /// </summary>
    private static string PcrLabel(AttestationDocumentKind kind, int index) =>
        kind == AttestationDocumentKind.NitroTpm ? $"NitroTPM PCR{index}" : $"PCR{index}";

    private static string PcrsOf(AttestationDocumentKind kind) => kind == AttestationDocumentKind.NitroTpm
        ? "The nitrotpm_pcrs of this NitroTPM instance document"
        : "The PCRs";

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
