using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace NsmDashboard.Web.Components.Layout;

/// <summary>
/// <see cref="MudThemeProvider"/> for <see cref="DashboardTheme.Theme"/>, with its style sheets built once per
/// process instead of once per render in every circuit. MudThemeProvider builds a new ~24 KB string (the
/// palette, shadows, typography and z-index variables) on every render, and each circuit kept two of them
/// in its render frames; the sheets depend only on the theme and the dark/light choice, so every circuit can
/// share the same two strings (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit"). Everything
/// else — dark mode binding, <see cref="MudThemeProvider.GetSystemDarkModeAsync"/> — is MudThemeProvider's own.
/// </summary>
public sealed class DashboardThemeProvider : MudThemeProvider
{
    // Built by the first circuit that renders each mode; a race only builds the same text twice.
    private static MarkupString? s_light;
    private static MarkupString? s_dark;

    private bool _dark;

    /// <summary>Creates the provider; its <see cref="MudThemeProvider.Theme"/> is the dashboard's theme.</summary>
    public DashboardThemeProvider()
    {
        Theme = DashboardTheme.Theme;
    }

    /// <inheritdoc/>
    public override Task SetParametersAsync(ParameterView parameters)
    {
        // The mode as the layout binds it (IsDarkMode itself is MudBlazor parameter state, not to be read here).
        // Observing the system would let MudBlazor switch its own state before the binding brings the parameter
        // back, and a sheet built in between would be cached under the wrong mode: the layout follows the system.
        if (parameters.TryGetValue<bool>(nameof(IsDarkMode), out var dark))
        {
            _dark = dark;
        }

        if (!parameters.TryGetValue<bool>(nameof(ObserveSystemDarkModeChange), out var observe) || observe)
        {
            throw new InvalidOperationException($"{nameof(DashboardThemeProvider)} needs {nameof(ObserveSystemDarkModeChange)}=\"false\".");
        }

        return base.SetParametersAsync(parameters);
    }

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        // The cache holds the dashboard's theme with MudBlazor's scrollbar; anything else would be rendered wrong.
        if (!ReferenceEquals(Theme, DashboardTheme.Theme) || DefaultScrollbar)
        {
            throw new InvalidOperationException(
                $"{nameof(DashboardThemeProvider)} renders only {nameof(DashboardTheme)}.{nameof(DashboardTheme.Theme)} with MudBlazor's scrollbar.");
        }

        base.OnParametersSet();
    }

    /// <inheritdoc/>
    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);

        // The same style elements as MudThemeProvider, less the chart hover filter (the dashboard has no charts).
        var sheet = _dark ? s_dark ??= Build() : s_light ??= Build();
        __builder.AddContent(0, sheet);
    }

    private MarkupString Build() => new(BuildMudBlazorScrollbar() + BuildTheme());
}
