using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Security;

/// <summary>Registers sign-in (cookie and bearer), the role policies, rate limits and antiforgery.</summary>
public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>The header a cookie-authenticated API call carries its antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Adds everything the sign-in pipeline needs.</summary>
    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDashboardIdentities();

        // Keys in memory only: an enclave has no disk, and a session (or the one-time token's) must not outlive the
        // process that issued it.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Cookie, bearer token or read-only visitor", options =>
                options.ForwardDefaultSelector = context =>
                    BearerTokenHandler.HasBearer(context.Request) ? AuthSchemes.Bearer
                    : context.RequestServices.GetRequiredService<DashboardIdentities>().IsReadOnly ? AuthSchemes.ReadOnly
                    : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, ReadOnlyVisitorHandler>(AuthSchemes.ReadOnly, null)
            .AddCookie(AuthSchemes.Cookie);
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => ConfigureCookie(cookie, auth.Value));

        services.AddAuthorizationBuilder()
            .AddPolicy(NsmRoles.ViewerPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(NsmRoles.Viewer, NsmRoles.Operator))
            .AddPolicy(NsmRoles.OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(NsmRoles.Operator));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddCascadingAuthenticationState();

        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "nsm-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddNsmRateLimits();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<SessionStore>();

        // Replaces Blazor's default (registered with TryAdd later): a tab re-checks its session and loses its role
        // once the session has ended.
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, SessionActivityCircuitHandler>());
        services.AddHostedService<OneTimeLoginAnnouncer>();
        return services;
    }

    /// <summary>
    /// The identities and their validation, without the HTTP pipeline (component tests use this with bUnit's
    /// authorization).
    /// </summary>
    public static IServiceCollection AddDashboardIdentities(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(DashboardIdentities)))
        {
            // Binding twice would append every user and token a second time (the lists are bound in place).
            return services;
        }

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, ValidateAuthOptions>());
        services.TryAddSingleton<DashboardIdentities>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        cookie.Cookie.Name = AuthSchemes.CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = auth.SessionIdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/login";
        cookie.LogoutPath = "/logout";
        cookie.AccessDeniedPath = "/login";

        // A cookie is only as good as its server-side session: signed out (here or in another tab) or idle too long,
        // it is refused; otherwise the request counts as activity.
        cookie.Events.OnValidatePrincipal = ValidateSessionAsync;

        // The API answers with a status (made a problem by ApiProblemMiddleware), never with a redirect to a page.
        cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (!sessions.Touch(SessionStore.IdOf(context.Principal)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // The circuit's hub is not a page either: an unauthenticated WebSocket gets a status and nothing else.
        if (ApiProblemMiddleware.IsApiPath(context.Request.Path) || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
