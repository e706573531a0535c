namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>The sandbox's steps folded from the start value: SHA384(old ‖ data) per accepted step.</summary>
/// <param name="Start">The start value.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="Final">The value after the last step.</param>
/// <param name="LockedAtEnd">Whether the PCR is locked once every step has run.</param>
public sealed record SandboxEvaluation(ReadOnlyMemory<byte> Start, IReadOnlyList<SandboxStepResult> Steps, ReadOnlyMemory<byte> Final, bool LockedAtEnd)
{
    /// <summary>The start value, lowercase hex.</summary>
    public string StartHex => Convert.ToHexStringLower(Start.Span);

    /// <summary>The final value, lowercase hex.</summary>
    public string FinalHex => Convert.ToHexStringLower(Final.Span);

    /// <summary>How many steps the NSM would refuse.</summary>
    public int RefusedCount => Steps.Count(s => s.IsRefused);
}
