namespace NsmDashboard.Web.Features.Measurements;

/// <summary>How a PCR compares with the expected measurement sets.</summary>
/// <param name="Status">matches, differs, or debugZero (zero because the enclave runs in debug mode).</param>
/// <param name="Matches">The sets whose value the PCR has.</param>
/// <param name="ExpectedBy">Every set that names this PCR.</param>
public sealed record PcrExpectationResponse(string Status, IReadOnlyList<string> Matches, IReadOnlyList<string> ExpectedBy)
{
    /// <summary>The response for a mark; null when no set names the PCR.</summary>
    public static PcrExpectationResponse? From(MeasurementMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return mark.Kind switch
        {
            MeasurementMarkKind.Matches => new("matches", mark.MatchingSets, mark.ExpectingSets),
            MeasurementMarkKind.Differs => new("differs", mark.MatchingSets, mark.ExpectingSets),
            MeasurementMarkKind.DebugZero => new("debugZero", mark.MatchingSets, mark.ExpectingSets),
            _ => null,
        };
    }
}
