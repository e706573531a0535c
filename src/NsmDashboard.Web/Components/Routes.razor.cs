using Microsoft.AspNetCore.Components;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Components;

/// <summary>The router: every page of the dashboard, with the main layout.</summary>
public partial class Routes
{
    /// <summary>The browser's address as the page request showed it, recorded with the circuit's operations.</summary>
    [Parameter]
    public string? ClientAddress { get; set; }

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <inheritdoc/>
    protected override void OnInitialized() => Session.Address ??= ClientAddress;
}
