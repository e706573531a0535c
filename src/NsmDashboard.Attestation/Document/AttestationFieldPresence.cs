namespace NsmDashboard.Attestation;

/// <summary>Whether a key of the payload map was sent, and whether its value was CBOR <c>null</c>.</summary>
public enum AttestationFieldPresence
{
    /// <summary>The key is not in the map.</summary>
    Absent,

    /// <summary>The key is in the map with the value <c>null</c>.</summary>
    Null,

    /// <summary>The key is in the map with a value of the expected type.</summary>
    Present,
}
