using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Web.Model;
using NsmDashboard.Web.Services;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// A hex (or other machine) value in monospace: abbreviated to head…tail with the full value one click
/// away, and a copy button. Every hex value on every page is shown with this control.
/// </summary>
public partial class HexValue
{
    private const string ButtonClasses = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small hex-action";
    private static readonly MarkupString MoreIcon = StaticIcon.Svg(Icons.Material.Filled.UnfoldMore, "mud-icon-size-small");
    private static readonly MarkupString LessIcon = StaticIcon.Svg(Icons.Material.Filled.UnfoldLess, "mud-icon-size-small");
    private static readonly MarkupString CopyIcon = StaticIcon.Svg(Icons.Material.Outlined.ContentCopy, "mud-icon-size-small");

    private bool _expanded;

    /// <summary>The value to show and copy.</summary>
    [Parameter, EditorRequired]
    public string Value { get; set; } = string.Empty;

    /// <summary>Show head…tail of long values until expanded. Defaults to true.</summary>
    [Parameter]
    public bool Abbreviate { get; set; } = true;

    /// <summary>Characters kept at the start when abbreviated.</summary>
    [Parameter]
    public int Head { get; set; } = 16;

    /// <summary>Characters kept at the end when abbreviated.</summary>
    [Parameter]
    public int Tail { get; set; } = 8;

    /// <summary>Wrap the full value over several lines instead of scrolling.</summary>
    [Parameter]
    public bool Wrap { get; set; }

    /// <summary>What the value is, for screen readers and the copy message ("PCR16", "module id").</summary>
    [Parameter]
    public string Label { get; set; } = "value";

    /// <summary>
    /// The root element's <c>data-testid</c>. A parameter rather than captured attributes: captured attributes
    /// cost every instance a dictionary, and its render tree builder another one, in every circuit — dozens of
    /// values on the PCR page (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit").
    /// </summary>
    [Parameter]
    public string? TestId { get; set; }

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    // Computed when the parameters change, not on every render: the render frames keep these strings.
    private string _abbreviated = string.Empty;
    private string _expandLabel = string.Empty;
    private string _collapseLabel = string.Empty;
    private string _copyLabel = string.Empty;

    private bool CanExpand => Abbreviate && _abbreviated.Length != Value.Length;

    private bool ShowsFullValue => !CanExpand || _expanded;

    private string DisplayText => ShowsFullValue ? Value : _abbreviated;

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        _abbreviated = Abbreviate ? HexText.Abbreviate(Value, Head, Tail) : Value;
        _expandLabel = $"Show the full {Label}";
        _collapseLabel = $"Show less of {Label}";
        _copyLabel = $"Copy {Label}";
    }

    private void Toggle() => _expanded = !_expanded;

    private async Task CopyAsync()
    {
        if (await Browser.CopyTextAsync(Value))
        {
            Snackbar.Add($"Copied {Label} ({Value.Length} characters)", Severity.Success);
        }
        else
        {
            Snackbar.Add($"The browser refused to copy {Label}; select the text and copy it by hand.", Severity.Warning);
        }
    }
}
