namespace NsmDashboard.Web.Components;

/// <summary>Shown for unknown addresses, by the router and by the status-code re-execution.</summary>
public partial class NotFoundPage
{
}
