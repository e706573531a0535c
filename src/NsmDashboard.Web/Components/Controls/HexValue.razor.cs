using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// A hex (or other machine) value in monospace: abbreviated to head…tail with the full value one click
/// away, and a copy button. Every hex value on every page is shown with this control.
/// </summary>
public partial class HexValue
{
    /// <summary>The expand and copy buttons' classes (MudIconButton's, small).</summary>
    internal const string ButtonClasses = $"{MudClasses.IconButtonSmall} hex-action";

    /// <summary>Characters kept at the start when abbreviated, unless <see cref="Head"/> says otherwise.</summary>
    internal const int DefaultHead = 16;

    /// <summary>Characters kept at the end when abbreviated, unless <see cref="Tail"/> says otherwise.</summary>
    internal const int DefaultTail = 8;

    /// <summary>The expand button's icon.</summary>
    internal static readonly MarkupString MoreIcon = StaticIcon.Svg(Icons.Material.Filled.UnfoldMore, MudClasses.IconSmall);

    /// <summary>The collapse button's icon.</summary>
    internal static readonly MarkupString LessIcon = StaticIcon.Svg(Icons.Material.Filled.UnfoldLess, MudClasses.IconSmall);

    /// <summary>The copy button's icon.</summary>
    internal static readonly MarkupString CopyIcon = StaticIcon.Svg(Icons.Material.Outlined.ContentCopy, MudClasses.IconSmall);

    private bool _expanded;

    /// <summary>The value to show and copy.</summary>
    [Parameter, EditorRequired]
    public string Value { get; set; } = string.Empty;

    /// <summary>Show head…tail of long values until expanded. Defaults to true.</summary>
    [Parameter]
    public bool Abbreviate { get; set; } = true;

    /// <summary>Characters kept at the start when abbreviated.</summary>
    [Parameter]
    public int Head { get; set; } = DefaultHead;

    /// <summary>Characters kept at the end when abbreviated.</summary>
    [Parameter]
    public int Tail { get; set; } = DefaultTail;

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

    /// <summary>Copies a value and says so (or that the browser refused): the copy button of every hex value.</summary>
    internal static async Task CopyAsync(BrowserInterop browser, ISnackbar snackbar, string label, string value)
    {
        if (await browser.CopyTextAsync(value))
        {
            snackbar.Add($"Copied {label} ({value.Length} characters)", Severity.Success);
        }
        else
        {
            snackbar.Add($"The browser refused to copy {label}; select the text and copy it by hand.", Severity.Warning);
        }
    }

    private Task CopyAsync() => CopyAsync(Browser, Snackbar, Label, Value);
}
