using System.Globalization;
using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>
/// The sandbox's steps as the NSM would carry them out: the start value, each step's old ‖ data and SHA-384 (or
/// its refusal after a lock), move and remove buttons, where the lock sits, what the last move did, and the
/// final value in large type.
/// </summary>
public sealed partial class SandboxSteps
{
    /// <summary>The sandbox to show.</summary>
    [Parameter, EditorRequired]
    public PcrSandbox Sandbox { get; set; } = default!;

    /// <summary>Whether there is a start value to fold from (false while a typed start is invalid or a live read failed).</summary>
    [Parameter]
    public bool HasStart { get; set; } = true;

    /// <summary>Why the typed start value is not usable, or <see langword="null"/>.</summary>
    [Parameter]
    public string? StartError { get; set; }

    /// <summary>Moves a step one place earlier.</summary>
    [Parameter]
    public EventCallback<SandboxStep> OnMoveUp { get; set; }

    /// <summary>Moves a step one place later.</summary>
    [Parameter]
    public EventCallback<SandboxStep> OnMoveDown { get; set; }

    /// <summary>Removes a step.</summary>
    [Parameter]
    public EventCallback<SandboxStep> OnRemove { get; set; }

    private static string KindText(ExtendInputKind kind) => kind switch
    {
        ExtendInputKind.Text => "text",
        ExtendInputKind.Hex => "hex",
        _ => "file",
    };

    private string RefusalReason(NsmErrorCode? code) => code == NsmErrorCode.InputTooLarge
        ? $"the request would exceed {NsmLimits.RequestMaxSize} bytes for PCR{Sandbox.PcrIndex}."
        : "the PCR is locked.";

    private static string StepName(SandboxStep step) => $"step “{HexText.Abbreviate(step.Label, 24, 0)}”";

    private string ReorderText(SandboxReorder reorder)
    {
        var step = Sandbox.Steps.FirstOrDefault(s => s.Id == reorder.StepId);
        var name = step is null ? "The step" : "S" + StepName(step)[1..];
        return reorder.ChangedResult
            ? string.Create(CultureInfo.InvariantCulture, $"{name} moved from position {reorder.From} to {reorder.To}, and the final value changed. Extending is not commutative: SHA384(SHA384(old ‖ a) ‖ b) is not SHA384(SHA384(old ‖ b) ‖ a).")
            : string.Create(CultureInfo.InvariantCulture, $"{name} moved from position {reorder.From} to {reorder.To}; the final value did not change, because the two steps carry the same data or the NSM would refuse both.");
    }
}
