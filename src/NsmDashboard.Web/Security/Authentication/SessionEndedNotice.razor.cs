using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The banner of a tab whose session ended while it was open (<see cref="RevalidatingSessionStateProvider"/>): what
/// happened, and a link back to the login page that returns here.
/// </summary>
public sealed partial class SessionEndedNotice
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string SignInHref => "login?ReturnUrl=" + Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri));
}
