namespace NsmDashboard.Web.Components.Pages;

/// <summary>Shown for unknown addresses, by the router and by the status-code re-execution.</summary>
public partial class NotFound
{
}
