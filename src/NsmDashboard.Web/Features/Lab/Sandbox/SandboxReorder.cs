namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>The last move of a step and what it did to the final value: the point the sandbox exists to show.</summary>
/// <param name="StepId">The step that moved.</param>
/// <param name="From">Its position before, from 1.</param>
/// <param name="To">Its position after, from 1.</param>
/// <param name="FinalBefore">The final value before the move, lowercase hex.</param>
/// <param name="FinalAfter">The final value after the move, lowercase hex.</param>
public sealed record SandboxReorder(int StepId, int From, int To, string FinalBefore, string FinalAfter)
{
    /// <summary>Whether the move changed the final value (it does unless the two swapped steps carry the same data or are both refused).</summary>
    public bool ChangedResult => !string.Equals(FinalBefore, FinalAfter, StringComparison.Ordinal);
}
