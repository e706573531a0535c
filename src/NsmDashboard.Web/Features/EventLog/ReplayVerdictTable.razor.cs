using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Web.Features.EventLog;

/// <summary>
/// Replay verdicts, one row per PCR: ✓ explained, ✗ changed outside this dashboard with the point of divergence,
/// or why the log cannot tell; the replayed value beside the actual one (live, or a document's).
/// </summary>
public partial class ReplayVerdictTable
{
    /// <summary>The results, by index.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<PcrReplayResult> Results { get; set; } = [];

    /// <summary>What the replay is compared with: "Live" or "Document".</summary>
    [Parameter]
    public string ActualLabel { get; set; } = "Live";

    /// <summary>The verdict's symbol.</summary>
    public static string Symbol(PcrReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict switch
        {
            PcrReplayVerdict.Explained or PcrReplayVerdict.BootMeasured => "✓",
            PcrReplayVerdict.ChangedOutside => "✗",
            _ => "?",
        };
    }

    /// <summary>The verdict in a few words.</summary>
    public string Label(PcrReplayResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict switch
        {
            PcrReplayVerdict.Explained => "explained",
            PcrReplayVerdict.BootMeasured => "boot measurement",
            PcrReplayVerdict.ChangedOutside => ActualLabel == "Live" ? "changed outside this dashboard" : "does not match the log",
            PcrReplayVerdict.Incomplete => "cannot explain: history incomplete",
            _ => "not compared",
        };
    }
}
