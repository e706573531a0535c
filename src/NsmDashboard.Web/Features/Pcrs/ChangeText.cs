using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>One-line descriptions of PCR changes, for notifications.</summary>
public static class ChangeText
{
    /// <summary>E.g. "PCR16 was extended (dashboard:1a2b3c4d5e6f)".</summary>
    public static string Describe(PcrChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var what = change.Kind switch
        {
            PcrChangeKind.Extended => $"PCR{change.Pcrs[0].Index} was extended",
            PcrChangeKind.Locked => $"PCR{change.Pcrs[0].Index} was locked",
            PcrChangeKind.Uncertain when change.Pcrs.Count == 0 => "An NSM answer was lost; the PCRs are being read again",
            PcrChangeKind.Uncertain => $"An NSM answer was lost; PCR{change.Pcrs[0].Index} was read back",
            _ => change.Pcrs.Count == 0 ? "A lock range of 0 was applied" : $"PCR0–PCR{change.Pcrs.Count - 1} were locked",
        };
        return $"{what} ({change.Caller})";
    }
}
