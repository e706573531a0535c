using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// A MudBlazor icon as plain markup, with the same element and classes <c>MudIcon</c> renders. Static chrome
/// uses these instead of a <c>MudIcon</c> component per icon: every component instance is kept by every
/// circuit for as long as the page is open, while a markup string built once is shared by all of them
/// (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit").
/// </summary>
internal static class StaticIcon
{
    /// <summary>The icon as an <c>svg</c> element; build it once, into a static field.</summary>
    /// <param name="icon">An icon from <c>MudBlazor.Icons</c> (the inner markup of a 24×24 SVG).</param>
    /// <param name="classes">Its classes: <see cref="MudClasses.IconMedium"/>, <see cref="MudClasses.IconSmall"/>, or one of them with more.</param>
    public static MarkupString Svg(string icon, string classes = MudClasses.IconMedium) =>
        new($"<svg class=\"{classes}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>");
}
