namespace NsmDashboard.Attestation;

/// <summary>
/// The document kind (Nitro Enclave or NitroTPM instance), decided from the payload before any rule that depends
/// on it. AWS documents the two payloads separately: <c>pcrs</c> for enclaves (attestation_process.md §3.2.2),
/// <c>nitrotpm_pcrs</c> for NitroTPM (EC2 User Guide, "NitroTPM attestation document").
/// </summary>
internal sealed partial class VerificationRun
{
    private void CheckDocumentKind(AttestationDocument document)
    {
        var maps = AttestationPayloadKeys.PcrMaps
            .Select(key => (key, presence: document.GetPresence(key)))
            .ToArray();
        var details = maps
            .Select(m => new AttestationCheckDetail(m.key, m.presence.ToString().ToLowerInvariant()))
            .ToList();
        var claimed = AttestationDocumentKinds.ClaimedByModuleId(document.ModuleId);
        details.Add(new("module_id suffix", claimed is { } c
            ? $"{AttestationDocumentKinds.ModuleIdMarkerOf(c)}… ({AttestationDocumentKinds.NameOf(c)})"
            : "claims no kind"));

        if (document.Kind is not { } kind)
        {
            var present = maps.Where(m => m.presence != AttestationFieldPresence.Absent).Select(m => m.key).ToArray();
            Fail(
                AttestationCheckId.DocumentKind,
                AttestationFailure.KindInvalid,
                present.Length == 0
                    ? "The payload has neither pcrs (a Nitro Enclave document) nor nitrotpm_pcrs (a NitroTPM document), so no kind, and no PCR rule, applies."
                    : "The payload has both pcrs and nitrotpm_pcrs; a document is a Nitro Enclave's or a NitroTPM's, never both, and its PCRs must not be read as either.",
                details);
            return;
        }

        // The module_id is signed like the PCR maps, so a contradiction is not noise: a document that says it is an
        // instance while carrying enclave PCRs (or the other way round) cannot be trusted to mean either, and KMS and
        // any policy key on the kind. An id that claims no kind (emulators, custom ids) is only noted.
        if (claimed is { } other && other != kind)
        {
            Fail(
                AttestationCheckId.DocumentKind,
                AttestationFailure.KindInvalid,
                $"The payload carries {AttestationDocumentKinds.PcrsKeyOf(kind)} ({AttestationDocumentKinds.NameOf(kind)}) but module_id \"{document.ModuleId}\" ends like a {AttestationDocumentKinds.NameOf(other)} (\"{AttestationDocumentKinds.ModuleIdMarkerOf(other)}…\"); the kind is contradictory.",
                details);
            return;
        }

        var suffix = claimed is null
            ? $"; module_id \"{document.ModuleId}\" claims no kind (real documents end in {AttestationDocumentKinds.ModuleIdMarkerOf(kind)} and 16 hex digits)"
            : $", and module_id ends in {AttestationDocumentKinds.ModuleIdMarkerOf(kind)} and 16 hex digits";
        if (document.ModuleId is null)
        {
            suffix = string.Empty;
        }

        Pass(
            AttestationCheckId.DocumentKind,
            $"{AttestationDocumentKinds.NameOf(kind)}: the payload carries {AttestationDocumentKinds.PcrsKeyOf(kind)} and not {AttestationDocumentKinds.PcrsKeyOf(Other(kind))}{suffix}.",
            details);
    }

    private void CheckExpectedKind(AttestationDocument document)
    {
        if (_policy.ExpectedKind is not { } expected)
        {
            NotApplicable(AttestationCheckId.ExpectedKind, "No expected kind was given (expected PCR sets still carry their own kind).");
            return;
        }

        var details = new AttestationCheckDetail[]
        {
            new("expected", AttestationDocumentKinds.NameOf(expected)),
            new("document", document.Kind is { } k ? AttestationDocumentKinds.NameOf(k) : "undecided"),
        };
        if (document.Kind is not { } kind)
        {
            Skip(AttestationCheckId.ExpectedKind, "the document's kind is undecided");
        }
        else if (kind == expected)
        {
            Pass(AttestationCheckId.ExpectedKind, $"The document is a {AttestationDocumentKinds.NameOf(kind)} document, as the policy expects.", details);
        }
        else
        {
            Fail(
                AttestationCheckId.ExpectedKind,
                AttestationFailure.PolicyKindMismatch,
                $"The policy expects a {AttestationDocumentKinds.NameOf(expected)} document; this is a {AttestationDocumentKinds.NameOf(kind)} document, which never satisfies it.",
                details);
        }
    }

    private static AttestationDocumentKind Other(AttestationDocumentKind kind) =>
        kind == AttestationDocumentKind.NitroEnclave ? AttestationDocumentKind.NitroTpm : AttestationDocumentKind.NitroEnclave;
}
