using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>
/// Runs around every API request (<c>/api</c>, <c>/healthz</c>, <c>/metrics</c>, <c>/openapi</c>) and makes sure
/// what comes back is JSON or a problem, never an HTML error page or a stack trace:
/// <list type="bullet">
/// <item>bodies over <see cref="ApiLimits.MaxRequestBodyBytes"/> (or a route's own <see cref="ApiBodyLimit"/>) are
/// refused (413) before anything reads them;</item>
/// <item>mutations sent by a browser from another origin are refused (403), so a web page cannot lock PCRs
/// through an operator's browser (the lock routes take no body, so a plain HTML form could post to them);</item>
/// <item>exceptions become problems through <see cref="ApiProblems"/> (NSM errors, binding errors, and a bare
/// 500 for bugs, logged here with their stack);</item>
/// <item>error statuses without a body (no route, wrong method) get a problem instead of the dashboard's
/// "not found" page, which the status-code-pages middleware would otherwise render.</item>
/// </list>
/// </summary>
internal sealed partial class ApiProblemMiddleware(RequestDelegate next, ILogger<ApiProblemMiddleware> logger)
{
    /// <summary>Whether a path belongs to the API rather than to the pages.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        long limit = ApiBodyLimit.For(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Kestrel then refuses longer chunked bodies while they are read (BadHttpRequestException, 413).
            bodySize.MaxRequestBodySize = limit;
        }

        if (CrossSiteOrigin(context.Request) is { } origin)
        {
            await WriteAsync(context, ApiProblems.CrossSiteRequest(origin));
            return;
        }

        try
        {
            if (context.Request.ContentLength > limit || (!ApiBodyLimit.ReadByRoute(context) && !await ChunkedBodyFitsAsync(context)))
            {
                await WriteAsync(context, ApiProblems.BodyTooLarge(limit));
                return;
            }

            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, Map(ex, context));
            return;
        }

        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest && !context.Response.HasStarted)
        {
            await WriteAsync(context, ApiProblems.ForStatus(context.Response.StatusCode, context.Request.Method, context.Request.Path));
        }
    }

    /// <summary>
    /// A body without Content-Length (chunked) is read into a buffer of at most the limit before anything parses it:
    /// the framework's JSON binding reports a body cut off by the server's size limit as a bare 400 (it takes the
    /// failure for an aborted read), so the limit is enforced here, where it can be answered as 413.
    /// </summary>
    private static async Task<bool> ChunkedBodyFitsAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true })
        {
            return true;
        }

        // The whole allowance stays in memory (threshold = limit); reading past it throws instead of growing.
        request.EnableBuffering(ApiLimits.MaxRequestBodyBytes, ApiLimits.MaxRequestBodyBytes);
        var buffer = new byte[8192];
        try
        {
            while (await request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's MaxRequestBodySize, set above.
            return false;
        }
        catch (IOException e) when (e is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // The buffer's own limit (FileBufferingReadStream refuses to grow past it).
            return false;
        }

        request.Body.Position = 0;
        return true;
    }

    private ProblemDetails Map(Exception exception, HttpContext context)
    {
        switch (exception)
        {
            case NsmException nsm:
                var problem = ApiProblems.From(nsm);
                if (problem.Status >= StatusCodes.Status500InternalServerError)
                {
                    // Refusals (locked, out of range) are the caller's business and already in the audit log;
                    // a device or module failure is the operator's.
                    LogNsmFailure(context.Request.Method, context.Request.Path, nsm.ErrorCode, nsm.Message);
                }

                return problem;
            case BadHttpRequestException badRequest:
                return ApiProblems.FromBadRequest(badRequest);
            default:
                LogUnexpected(exception, context.Request.Method, context.Request.Path);
                return ApiProblems.Unexpected();
        }
    }

    /// <summary>
    /// The origin of a browser request that would change state from another site, or <see langword="null"/>.
    /// Browsers send <c>Origin</c> on every cross-origin POST and <c>Sec-Fetch-Site</c> on every request; curl and
    /// scripts send neither, so they are unaffected.
    /// </summary>
    private static string? CrossSiteOrigin(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return origin.Length > 0 ? origin : "another site";
        }

        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : origin;
    }

    private static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.Clear();
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API {Method} {Path}: the NSM failed with {ErrorCode}: {Reason}")]
    private partial void LogNsmFailure(string method, string path, Nsm.Protocol.NsmErrorCode errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "API {Method} {Path} failed unexpectedly.")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
