using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Components.Layout;

/// <summary>
/// The navigation drawer's links. Add a page's link here in the group it belongs to
/// (module pages, attestation pages, then the PCR lab).
/// </summary>
public sealed partial class NavMenu : IDisposable
{
    private const string IconClasses = MudClasses.NavLinkIcon;
    private const string ActiveLinkClasses = $"{MudClasses.NavLink} active";

    private static readonly NavGroup[] Groups =
    [
        new("Module",
        [
            new(string.Empty, "Overview", StaticIcon.Svg(Icons.Material.Outlined.Dashboard, IconClasses)),
            new("pcrs", "PCRs", StaticIcon.Svg(Icons.Material.Outlined.Fingerprint, IconClasses)),
            new("random", "Random", StaticIcon.Svg(Icons.Material.Outlined.Casino, IconClasses)),
        ]),
        new("Attestation",
        [
            new("attestation", "Attestation", StaticIcon.Svg(Icons.Material.Outlined.VerifiedUser, IconClasses)),
            new("inspect", "Inspect", StaticIcon.Svg(Icons.Material.Outlined.FactCheck, IconClasses)),
            new("kms", "KMS key policy", StaticIcon.Svg(Icons.Material.Outlined.Key, IconClasses)),
        ]),
        new("PCR lab",
        [
            new("eventlog", "Event log", StaticIcon.Svg(Icons.Material.Outlined.Timeline, IconClasses)),
            new("measurements", "Measurements", StaticIcon.Svg(Icons.Material.Outlined.Rule, IconClasses)),
            new("lab/sandbox", "What-if sandbox", StaticIcon.Svg(Icons.Material.Outlined.Science, IconClasses)),
            new("lab/diff", "Diff", StaticIcon.Svg(Icons.Material.Outlined.Difference, IconClasses)),
        ]),
        new("Operations",
        [
            new("audit", "Audit trail", StaticIcon.Svg(Icons.Material.Outlined.History, IconClasses)),
        ]),
    ];

    private string _path = string.Empty;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        _path = RelativePath(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    // NavLinkMatch.All for the Overview (""), NavLinkMatch.Prefix for the others, as NavLink matches.
    private bool IsActive(NavItem link) => link.Href.Length == 0
        ? _path.Length == 0
        : _path.Equals(link.Href, StringComparison.OrdinalIgnoreCase)
          || _path.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase);

    private string RelativePath(string uri)
    {
        var relative = Navigation.ToBaseRelativePath(uri);
        var end = relative.IndexOfAny(['?', '#']);
        return (end < 0 ? relative : relative[..end]).TrimEnd('/');
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = RelativePath(e.Location);
        if (path != _path)
        {
            _path = path;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private sealed record NavGroup(string Heading, NavItem[] Links);

    private sealed record NavItem(string Href, string Text, MarkupString Icon);
}
