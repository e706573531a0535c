namespace NsmDashboard.Web.Components.Layout;

/// <summary>A bare layout for static pages (the error page) that must render without MudBlazor or a circuit.</summary>
public partial class EmptyLayout
{
}
