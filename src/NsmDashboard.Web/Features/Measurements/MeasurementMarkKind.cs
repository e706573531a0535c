namespace NsmDashboard.Web.Features.Measurements;

/// <summary>How a PCR value compares with the expected measurement sets.</summary>
public enum MeasurementMarkKind
{
    /// <summary>No expected set names this PCR.</summary>
    NotExpected,

    /// <summary>The value equals the expected value of at least one set.</summary>
    Matches,

    /// <summary>Sets name this PCR and the value equals none of them.</summary>
    Differs,

    /// <summary>The value is zero because the enclave runs in debug mode (PCR0–2 all zero), so no set can match it.</summary>
    DebugZero,
}
