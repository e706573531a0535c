using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The login page: user name and password (limited per address, per user name, and by how many password checks may
/// run at once: <see cref="SignInThrottle"/>), or the one-time token; <c>/login?token=…</c> signs in directly with
/// the one-time URL printed at start, and with nothing else (API tokens are bearer-only). Success records a server-side
/// session (<see cref="SessionStore"/>), sets the session cookie and returns to the page that asked for it.
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

    [Inject]
    private SignInThrottle Throttle { get; set; } = default!;

    [Inject]
    private SessionStore Sessions { get; set; } = default!;

    /// <summary>Whether the one-time token can still be used (then the form offers a field for it).</summary>
    private bool OneTimeTokenPending => Identities.OneTimeTokenPending;

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

        // Only the one-time token signs in from a URL; API tokens are bearer-only.
        if (HttpMethods.IsGet(HttpContext.Request.Method) && !string.IsNullOrEmpty(Token))
        {
            await SignInWithOneTimeTokenAsync(Token);
        }
    }

    private async Task SignInAsync()
    {
        if (Input is null)
        {
            return;
        }

        if (!string.IsNullOrEmpty(Input.Token))
        {
            await SignInWithOneTimeTokenAsync(Input.Token);
            return;
        }

        var check = await Throttle.CheckPasswordAsync(
            Input.Name, () => Identities.ValidatePassword(Input.Name, Input.Password, AuthSchemes.Cookie), HttpContext.RequestAborted);
        switch (check.Outcome)
        {
            case SignInThrottleOutcome.TooManyForUserName:
                Refuse(StatusCodes.Status429TooManyRequests, check.RetryAfterSeconds,
                    $"Too many sign-in attempts for this user name: wait {check.RetryAfterSeconds} s and try again.");
                return;
            case SignInThrottleOutcome.Busy:
                Refuse(StatusCodes.Status503ServiceUnavailable, check.RetryAfterSeconds,
                    $"The dashboard is busy checking other sign-ins: try again in {check.RetryAfterSeconds} s.");
                return;
            default:
                await SignInWithAsync(check.Principal, "Unknown user name or wrong password.");
                return;
        }
    }

    private Task SignInWithOneTimeTokenAsync(string token)
    {
        var principal = Identities.SignInWithOneTimeToken(token, AuthSchemes.Cookie, out var failure);
        return SignInWithAsync(principal, failure);
    }

    private void Refuse(int status, string retryAfterSeconds, string message)
    {
        ClearSecrets();
        _error = message;
        HttpContext.Response.StatusCode = status;
        HttpContext.Response.Headers.RetryAfter = retryAfterSeconds;
    }

    private void ClearSecrets()
    {
        if (Input is not null)
        {
            Input.Password = null;
            Input.Token = null;
        }
    }

    private async Task SignInWithAsync(System.Security.Claims.ClaimsPrincipal? principal, string failure)
    {
        ClearSecrets();
        if (principal is null)
        {
            _error = failure;
            HttpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // The session is recorded on the server, so that signing out (or idling out) ends it for every tab.
        var identity = (System.Security.Claims.ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new System.Security.Claims.Claim(SessionStore.SessionClaim, Sessions.Start(identity.Name ?? string.Empty)));
        await HttpContext.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        Navigation.NavigateTo(IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
    }
}
