namespace NsmDashboard.Web.Features.Attestation;

/// <summary>How the operator supplies one optional field of an attestation request.</summary>
public enum AttestationFieldMode
{
    /// <summary>Not sent: the document carries <c>null</c>.</summary>
    None,

    /// <summary>32 fresh random bytes (the nonce's default).</summary>
    Generated,

    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>Hex digits.</summary>
    Hex,

    /// <summary>PEM text pasted in the form.</summary>
    Pem,

    /// <summary>An uploaded file (PEM or DER).</summary>
    File,
}
