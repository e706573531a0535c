namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>How the operator gives the data to extend a PCR with.</summary>
public enum ExtendInputKind
{
    /// <summary>Text, extended as its UTF-8 bytes.</summary>
    Text,

    /// <summary>Hex digits.</summary>
    Hex,

    /// <summary>The bytes of an uploaded file.</summary>
    File,
}
