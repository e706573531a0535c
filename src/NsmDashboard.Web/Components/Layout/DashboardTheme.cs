using MudBlazor;

namespace NsmDashboard.Web.Components.Layout;

/// <summary>The dashboard's MudBlazor theme: calm slate and blue, light and dark, system fonts (no web fonts: enclaves are offline).</summary>
public static class DashboardTheme
{
    /// <summary>The theme shared by every circuit.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2563eb",
            Secondary = "#7c3aed",
            Tertiary = "#0d9488",
            Info = "#0284c7",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1e293b",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            LinesDefault = "#e2e8f0",
            TableLines = "#e2e8f0",
            Divider = "#e2e8f0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#60a5fa",
            Secondary = "#a78bfa",
            Tertiary = "#2dd4bf",
            Info = "#38bdf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            WarningContrastText = "#111827",
            Error = "#f87171",
            AppbarBackground = "#020617",
            AppbarText = "#f8fafc",
            Background = "#0b1120",
            Surface = "#111827",
            DrawerBackground = "#0f172a",
            DrawerText = "#e2e8f0",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#94a3b8",
            LinesDefault = "#1f2937",
            TableLines = "#1f2937",
            Divider = "#1f2937",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
        },
    };
}
