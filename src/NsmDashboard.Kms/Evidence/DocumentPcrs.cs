using NsmDashboard.Attestation;

namespace NsmDashboard.Kms;

/// <summary>
/// The one place that reads a document's kind and PCRs for KMS: enclave documents carry <c>pcrs</c>, NitroTPM
/// documents <c>nitrotpm_pcrs</c>. Everything else in this library works on <see cref="AttestationEvidence"/>.
/// </summary>
internal static class DocumentPcrs
{
    /// <exception cref="KmsEvidenceException">The document carries no PCR map KMS could read.</exception>
    public static (AttestedPlatform Platform, IReadOnlyDictionary<int, ReadOnlyMemory<byte>> Pcrs) Read(AttestationDocument document)
    {
        if (document.Pcrs is { Count: > 0 } pcrs)
        {
            return (AttestedPlatform.NitroEnclave, pcrs);
        }

        if (document.PayloadKeys.Contains("nitrotpm_pcrs"))
        {
            throw new KmsEvidenceException(
                "This is a NitroTPM document (it carries nitrotpm_pcrs), which this build cannot read yet.");
        }

        throw new KmsEvidenceException("The document carries no PCRs (its 'pcrs' field is absent, null or empty), so KMS has no measurement to compare.");
    }
}
