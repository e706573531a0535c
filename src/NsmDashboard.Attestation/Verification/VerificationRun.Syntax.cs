using System.Globalization;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Attestation;

/// <summary>AWS's syntactic rules for the payload (attestation_process.md §3.2.2, docs/attestation-verification.md#mandatory-fields onwards), one check per group.</summary>
internal sealed partial class VerificationRun
{
    private const string ExpectedDigest = "SHA384";
    private const int MaxCertificateLength = 1024;

    private void CheckSyntax(AttestationDocument document)
    {
        CheckMandatoryFields(document);
        CheckModuleId(document);
        CheckDigest(document);
        CheckTimestamp(document);
        CheckPcrs(document);
        CheckCertificateFields(document);
        CheckOptionalFields(document);
    }

    private void CheckMandatoryFields(AttestationDocument document)
    {
        // The PCR map that is mandatory follows the kind; with no kind, neither map can be named mandatory, so both
        // are listed and the kind check has already said why.
        var keys = document.Kind is { } kind
            ? AttestationPayloadKeys.MandatoryFor(kind)
            : AttestationPayloadKeys.Mandatory.Where(k => k != AttestationPayloadKeys.Pcrs).ToArray();
        var details = keys
            .Select(key => (key, presence: document.GetPresence(key)))
            .Select(f => new AttestationCheckDetail(f.key, f.presence.ToString().ToLowerInvariant(), f.presence == AttestationFieldPresence.Present))
            .ToList();
        if (document.Kind is null)
        {
            var maps = AttestationPayloadKeys.PcrMaps.Where(k => document.GetPresence(k) != AttestationFieldPresence.Absent).ToArray();
            details.Insert(3, new("pcrs / nitrotpm_pcrs", maps.Length == 0 ? "neither is present" : "both are present", false));
        }

        var bad = details.Where(d => d.Ok == false).Select(d => $"{d.Label} is {d.Value}").ToArray();
        var names = string.Join(", ", keys.Take(keys.Count - 1)) + " and " + keys[^1];
        if (bad.Length == 0)
        {
            Pass(AttestationCheckId.MandatoryFields, $"{names} are present and not null.", details);
        }
        else
        {
            Fail(AttestationCheckId.MandatoryFields, AttestationFailure.SyntaxInvalid, $"Mandatory fields missing: {string.Join("; ", bad)}.", details);
        }
    }

    private void CheckModuleId(AttestationDocument document)
    {
        if (document.ModuleId is not { } moduleId)
        {
            Skip(AttestationCheckId.ModuleId, "module_id is absent or null");
        }
        else if (moduleId.Length == 0)
        {
            Fail(AttestationCheckId.ModuleId, AttestationFailure.SyntaxInvalid, "module_id is an empty string; it must be non-empty.");
        }
        else
        {
            Pass(AttestationCheckId.ModuleId, $"module_id is \"{moduleId}\" ({moduleId.Length} characters).");
        }
    }

    private void CheckDigest(AttestationDocument document)
    {
        if (document.Digest is not { } digest)
        {
            Skip(AttestationCheckId.Digest, "digest is absent or null");
        }
        else if (digest == ExpectedDigest)
        {
            Pass(AttestationCheckId.Digest, "digest is \"SHA384\".");
        }
        else
        {
            Fail(AttestationCheckId.Digest, AttestationFailure.SyntaxInvalid, $"digest is \"{digest}\"; the only allowed value is \"SHA384\".");
        }
    }

    private void CheckTimestamp(AttestationDocument document)
    {
        if (document.TimestampMilliseconds is not { } milliseconds)
        {
            Skip(AttestationCheckId.Timestamp, "timestamp is absent or null");
        }
        else if (milliseconds == 0)
        {
            Fail(AttestationCheckId.Timestamp, AttestationFailure.SyntaxInvalid, "timestamp is 0; it must be greater than 0.");
        }
        else if (document.Timestamp is not { } time)
        {
            Fail(AttestationCheckId.Timestamp, AttestationFailure.SyntaxInvalid, $"timestamp {milliseconds} ms is past the year 9999.");
        }
        else
        {
            Pass(AttestationCheckId.Timestamp, $"timestamp is {milliseconds.ToString(CultureInfo.InvariantCulture)} ms = {Utc(time)}.");
        }
    }

    private void CheckPcrs(AttestationDocument document)
    {
        if (document.Kind is not { } kind)
        {
            Skip(AttestationCheckId.Pcrs, "the document's kind, and so its PCR map, is undecided");
        }
        else if (kind == AttestationDocumentKind.NitroTpm)
        {
            CheckNitroTpmPcrs(document);
        }
        else
        {
            CheckEnclavePcrs(document);
        }
    }

    private void CheckEnclavePcrs(AttestationDocument document)
    {
        if (document.Pcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.Pcrs, "pcrs is absent or null");
            return;
        }

        var problems = new List<string>();
        if (pcrs.Count is 0 or > NsmLimits.PcrCount)
        {
            problems.Add($"{Count(pcrs.Count, "entry", "entries")}; 1 to 32 are allowed");
        }

        var details = new List<AttestationCheckDetail>(pcrs.Count);
        foreach (var (index, value) in pcrs)
        {
            var indexOk = index < NsmLimits.PcrCount;
            var lengthOk = NsmDigestExtensions.TryFromPcrLength(value.Length, out _);
            if (!indexOk)
            {
                problems.Add($"index {index} is outside 0–31");
            }

            if (!lengthOk)
            {
                problems.Add($"PCR{index} is {value.Length} bytes, not 32, 48 or 64");
            }

            details.Add(new($"PCR{index}", $"{value.Length} bytes", indexOk && lengthOk));
        }

        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.Pcrs, AttestationFailure.SyntaxInvalid, $"pcrs: {string.Join("; ", problems)}.", details);
            return;
        }

        var lengths = string.Join("/", pcrs.Values.Select(v => v.Length).Distinct());
        Pass(
            AttestationCheckId.Pcrs,
            $"{Count(pcrs.Count, "PCR")} ({string.Join(", ", pcrs.Keys)}), {lengths} bytes each{(document.IsDebugMode ? "; PCR0, PCR1 and PCR2 are all zero: the enclave runs in debug mode" : string.Empty)}.",
            details);
    }

    /// <summary>
    /// A NitroTPM reports its whole SHA-384 bank: PCR0–23 (TCG PC Client Platform TPM Profile), each a 48-byte
    /// SHA-384 value, and nothing else. A missing or extra index would mean a document no NitroTPM writes.
    /// </summary>
    private void CheckNitroTpmPcrs(AttestationDocument document)
    {
        if (document.NitroTpmPcrs is not { } pcrs)
        {
            Skip(AttestationCheckId.Pcrs, "nitrotpm_pcrs is absent or null");
            return;
        }

        var problems = new List<string>();
        var details = new List<AttestationCheckDetail>(AttestationDocumentKinds.PcrCountOf(AttestationDocumentKind.NitroTpm));
        foreach (var (index, value) in pcrs)
        {
            var indexOk = index < AttestationDocumentKinds.PcrCountOf(AttestationDocumentKind.NitroTpm);
            var lengthOk = value.Length == NsmLimits.PcrLength;
            if (!indexOk)
            {
                problems.Add($"index {index} is outside 0–23");
            }

            if (!lengthOk)
            {
                problems.Add($"PCR{index} is {value.Length} bytes, not 48 (SHA-384)");
            }

            details.Add(new($"PCR{index}", $"{value.Length} bytes", indexOk && lengthOk));
        }

        var missing = Enumerable.Range(0, AttestationDocumentKinds.PcrCountOf(AttestationDocumentKind.NitroTpm)).Where(i => !pcrs.ContainsKey(i)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"PCR{string.Join(", PCR", missing)} {(missing.Length == 1 ? "is" : "are")} missing; a NitroTPM reports all 24 PCRs of its SHA-384 bank");
        }

        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.Pcrs, AttestationFailure.SyntaxInvalid, $"nitrotpm_pcrs: {string.Join("; ", problems)}.", details);
            return;
        }

        Pass(AttestationCheckId.Pcrs, "nitrotpm_pcrs: the 24 PCRs 0–23 of the NitroTPM's SHA-384 bank, 48 bytes each (no debug mode exists for an instance).", details);
    }

    private void CheckCertificateFields(AttestationDocument document)
    {
        if (document.Certificate is not { } certificate || document.CaBundle is not { } bundle)
        {
            Skip(AttestationCheckId.CertificateFields, "certificate or cabundle is absent or null");
            return;
        }

        var details = new List<AttestationCheckDetail> { SizeDetail("certificate", certificate.Length, 1, MaxCertificateLength) };
        for (var i = 0; i < bundle.Count; i++)
        {
            details.Add(SizeDetail($"cabundle[{i}]", bundle[i].Length, 1, MaxCertificateLength));
        }

        var problems = details.Where(d => d.Ok == false).Select(d => $"{d.Label} is {d.Value}").ToList();
        if (bundle.Count == 0)
        {
            problems.Insert(0, "cabundle is empty");
        }

        if (problems.Count > 0)
        {
            Fail(AttestationCheckId.CertificateFields, AttestationFailure.SyntaxInvalid, $"{string.Join("; ", problems)} (each certificate must be 1–1024 bytes).", details);
        }
        else
        {
            Pass(AttestationCheckId.CertificateFields, $"certificate is {certificate.Length} bytes; cabundle holds {Count(bundle.Count, "certificate")}, each 1–1024 bytes.", details);
        }
    }

    private void CheckOptionalFields(AttestationDocument document)
    {
        // AWS's prose (attestation_process.md §3.2.2.2) says public_key 1..1024 and user_data/nonce 0..512; its CDDL (§2.2) and the NSM
        // itself allow 0..1024 for all three, and real NSMs send an empty public_key (nitrite's 2021 document).
        var fields = new[]
        {
            (AttestationPayloadKeys.PublicKey, document.PublicKey),
            (AttestationPayloadKeys.UserData, document.UserData),
            (AttestationPayloadKeys.Nonce, document.Nonce),
        };
        var details = fields
            .Select(f => new AttestationCheckDetail(f.Item1, f.Item2.ToString(), f.Item2.Length <= NsmLimits.AttestationFieldMaxSize))
            .ToArray();
        var problems = details.Where(d => d.Ok == false).Select(d => $"{d.Label} is {d.Value}").ToArray();
        var summary = string.Join(", ", details.Select(d => $"{d.Label} {d.Value}"));
        if (problems.Length > 0)
        {
            Fail(AttestationCheckId.OptionalFields, AttestationFailure.SyntaxInvalid, $"{string.Join("; ", problems)}; at most 1024 bytes are allowed.", details);
        }
        else
        {
            Pass(AttestationCheckId.OptionalFields, $"{summary} (each at most 1024 bytes).", details);
        }
    }

    private static AttestationCheckDetail SizeDetail(string label, int length, int min, int max) =>
        new(label, $"{length} bytes", length >= min && length <= max);
}
