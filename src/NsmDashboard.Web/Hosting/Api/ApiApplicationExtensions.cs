using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Features.Kms;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Features.Overview;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Features.Random;
using NsmDashboard.Web.Metrics;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>Puts the JSON API into the request pipeline.</summary>
public static class ApiApplicationExtensions
{
    /// <summary>
    /// Adds <see cref="ApiProblemMiddleware"/> for API paths and maps every API route and <c>/openapi/v1.json</c>.
    /// Call it after the status-code-pages middleware (which it switches off for API paths) and before the pages.
    /// </summary>
    public static WebApplication UseNsmDashboardApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseWhen(
            context => ApiProblemMiddleware.IsApiPath(context.Request.Path),
            api => api.UseMiddleware<ApiProblemMiddleware>());

        // Every API route needs a signed-in Viewer at least (routes that change the NSM ask for more, and
        // NsmOperations checks the role again); only /healthz answers anyone, for load balancers and probes, and it
        // names nothing (/healthz/ready, with the module id, needs a Viewer).
        var signedIn = app.MapGroup(string.Empty).RequireAuthorization(NsmRoles.ViewerPolicy);
        signedIn.MapOpenApi();
        signedIn.MapNsmEndpoints();
        signedIn.MapPcrEndpoints();
        signedIn.MapEventLogEndpoints();
        signedIn.MapMeasurementEndpoints();
        signedIn.MapAttestationEndpoints();
        signedIn.MapKmsEndpoints();
        signedIn.MapRandomEndpoints();
        signedIn.MapMetricsEndpoints();
        signedIn.MapAuditEndpoints();

        // The TLS binding is checked before a client trusts the server with a password: it answers anyone (rate
        // limited), and the attestation it asks for binds the server's own certificate, never a caller's key.
        app.MapTlsAttestationEndpoints();
        app.MapHealthEndpoints();
        return app;
    }
}
