namespace NsmDashboard.Web.Components.Layout;

/// <summary>
/// The navigation drawer's links. Add a page's link here in the group it belongs to
/// (module pages, then attestation pages).
/// </summary>
public partial class NavMenu
{
}
