using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The login page: user name and password, or an API token; <c>/login?token=…</c> signs in directly (the one-time
/// URL printed at start). Success sets the session cookie and returns to the page that asked for it.
/// </summary>
public partial class LoginPage
{
    private string? _error;

    /// <summary>The request (the page is rendered statically).</summary>
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    /// <summary>The form's fields.</summary>
    [SupplyParameterFromForm]
    public LoginInput? Input { get; set; }

    /// <summary>A token to sign in with directly (the one-time login URL).</summary>
    [SupplyParameterFromQuery(Name = "token")]
    public string? Token { get; set; }

    /// <summary>Where to go after signing in (a local path only).</summary>
    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    /// <summary>Set after signing out, to say so.</summary>
    [SupplyParameterFromQuery(Name = "signedOut")]
    public bool SignedOut { get; set; }

    [Inject]
    private DashboardIdentities Identities { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Whether a return URL stays on this site (a path, not <c>//host</c> or <c>/\host</c>).</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <inheritdoc/>
    protected override async Task OnInitializedAsync()
    {
        Input ??= new LoginInput();
        if (Identities.IsReadOnly)
        {
            // Nobody signs in on a read-only dashboard; every visitor already reads it.
            Navigation.NavigateTo("/", forceLoad: true);
            return;
        }

        if (HttpMethods.IsGet(HttpContext.Request.Method) && !string.IsNullOrEmpty(Token))
        {
            await SignInWithAsync(Identities.ValidateToken(Token, AuthSchemes.Cookie), "That token is not valid (a one-time token lasts only as long as the process that printed it).");
        }
    }

    private Task SignInAsync() =>
        Input is null ? Task.CompletedTask
        : !string.IsNullOrEmpty(Input.Token)
            ? SignInWithAsync(Identities.ValidateToken(Input.Token, AuthSchemes.Cookie), "That token is not valid.")
            : SignInWithAsync(Identities.ValidatePassword(Input.Name, Input.Password, AuthSchemes.Cookie), "Unknown user name or wrong password.");

    private async Task SignInWithAsync(System.Security.Claims.ClaimsPrincipal? principal, string failure)
    {
        if (Input is not null)
        {
            Input.Password = null;
            Input.Token = null;
        }

        if (principal is null)
        {
            _error = failure;
            HttpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await HttpContext.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        Navigation.NavigateTo(IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
    }
}
