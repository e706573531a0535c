namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// Which document kind Inspect expects: any (expected PCRs then address the document's own kind), or exactly a
/// Nitro Enclave's or a NitroTPM instance's (a document of the other kind fails, and expected PCRs are of that kind).
/// </summary>
public enum ExpectedKindChoice
{
    /// <summary>Any kind; expected PCRs are read as PCRs of the document's kind.</summary>
    Any,

    /// <summary>A Nitro Enclave document (<c>pcrs</c>).</summary>
    NitroEnclave,

    /// <summary>A NitroTPM document (<c>nitrotpm_pcrs</c>, EC2 instance attestation).</summary>
    NitroTpm,
}
