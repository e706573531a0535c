using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// What each PCR of the live NSM measures (docs/pcrs.md#meanings). The module the dashboard talks to is an enclave's,
/// so these are the Nitro Enclave meanings; both kinds' meanings live once, in <see cref="AttestationPcrMeanings"/>,
/// and a document's PCRs are labelled by the document's own kind (docs/nitrotpm.md#pcr-meanings).
/// </summary>
public static class PcrMeanings
{
    /// <summary>The first PCR that is free for the application (16–31 start unlocked and zero).</summary>
    public const int FirstApplicationPcr = AttestationPcrMeanings.FirstEnclaveApplicationPcr;

    /// <summary>A short name for the PCR, for table cells and labels.</summary>
    public static string Title(int index) => AttestationPcrMeanings.Title(AttestationDocumentKind.NitroEnclave, index);

    /// <summary>One sentence saying how the value is produced.</summary>
    public static string Description(int index) => AttestationPcrMeanings.Description(AttestationDocumentKind.NitroEnclave, index);
}
