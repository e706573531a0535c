namespace NsmDashboard.Web.Features.Kms;

/// <summary>Where the Generate and Check tabs take a document or measurements from.</summary>
public enum KmsSource
{
    /// <summary>A fresh document from this dashboard's NSM (nonce only, through the audited gate).</summary>
    Live,

    /// <summary>A pasted document (base64 or hex).</summary>
    Document,

    /// <summary>Pasted nitro-cli or nitro-tpm-pcr-compute JSON (Generate only).</summary>
    Measurements,
}
