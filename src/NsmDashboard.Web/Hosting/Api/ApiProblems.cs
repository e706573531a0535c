using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>
/// The one place where failures become <c>application/problem+json</c> (RFC 9457) for the API: every problem
/// carries an <see cref="ErrorCodeKey"/> extension — the NSM <see cref="NsmErrorCode"/> name when the NSM's
/// semantics apply (also for input the API refuses before it reaches the NSM), or an HTTP-level code
/// (<see cref="NotFoundCode"/>, …) otherwise. Messages name the ErrorCode or errno; never a stack trace.
/// </summary>
public static class ApiProblems
{
    /// <summary>The extension member naming the error.</summary>
    public const string ErrorCodeKey = "errorCode";

    /// <summary>No such API route.</summary>
    public const string NotFoundCode = "NotFound";

    /// <summary>The route exists for another HTTP method.</summary>
    public const string MethodNotAllowedCode = "MethodNotAllowed";

    /// <summary>The body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaTypeCode = "UnsupportedMediaType";

    /// <summary>No credentials, or credentials that are not valid.</summary>
    public const string UnauthorizedCode = "Unauthorized";

    /// <summary>The caller's role does not allow the request, or the dashboard is read-only.</summary>
    public const string ForbiddenCode = "Forbidden";

    /// <summary>A cookie-authenticated mutation without a valid antiforgery token.</summary>
    public const string AntiforgeryCode = "AntiforgeryTokenInvalid";

    /// <summary>Over the rate limit.</summary>
    public const string TooManyRequestsCode = "TooManyRequests";

    /// <summary>A browser on another site tried to mutate (cross-site request forgery).</summary>
    public const string CrossSiteRequestCode = "CrossSiteRequest";

    /// <summary>
    /// The HTTP status for an NSM error code: out-of-range index 404, locked PCR 409, input too large 413,
    /// bad arguments 400, and a module that failed or answered nonsense 502.
    /// </summary>
    public static int StatusOf(NsmErrorCode code) => code switch
    {
        NsmErrorCode.InvalidIndex => StatusCodes.Status404NotFound,
        NsmErrorCode.ReadOnlyIndex => StatusCodes.Status409Conflict,
        NsmErrorCode.InputTooLarge => StatusCodes.Status413PayloadTooLarge,
        NsmErrorCode.InvalidArgument or NsmErrorCode.InvalidOperation => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status502BadGateway,
    };

    /// <summary>
    /// The problem for an NSM failure. A device that cannot be reached (<see cref="NsmDeviceException"/> other than
    /// InputTooLarge, which is the request's fault) is 503 with the errno; a protocol error is 502 with the offset.
    /// </summary>
    public static ProblemDetails From(NsmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is NsmAccessDeniedException denied)
        {
            return Forbidden(denied.Message);
        }

        var status = exception is NsmDeviceException && exception.ErrorCode != NsmErrorCode.InputTooLarge
            ? StatusCodes.Status503ServiceUnavailable
            : StatusOf(exception.ErrorCode);
        var problem = Create(status, exception.ErrorCode.ToString(), NsmErrorText.Title(exception), NsmErrorText.Detail(exception));
        switch (exception)
        {
            case NsmDeviceException device:
                problem.Extensions["errno"] = device.Errno;
                problem.Extensions["errnoName"] = device.ErrnoName;
                problem.Extensions["operation"] = device.Operation;
                break;
            case NsmProtocolException protocol:
                problem.Extensions["offset"] = protocol.Offset;
                break;
        }

        return problem;
    }

    /// <summary>The problem of <c>/healthz</c>: any NSM failure means the NSM is not usable, 503.</summary>
    public static ProblemDetails Unhealthy(NsmException exception)
    {
        var problem = From(exception);
        problem.Status = StatusCodes.Status503ServiceUnavailable;
        return problem;
    }

    /// <summary>400 InvalidArgument: bad hex, a missing or contradictory member, a value out of its domain.</summary>
    public static ProblemDetails InvalidArgument(string detail) =>
        Create(StatusCodes.Status400BadRequest, nameof(NsmErrorCode.InvalidArgument), "Invalid argument", detail);

    /// <summary>404 InvalidIndex: a PCR index no NSM has.</summary>
    public static ProblemDetails InvalidIndex(string detail) =>
        Create(StatusCodes.Status404NotFound, nameof(NsmErrorCode.InvalidIndex), "Invalid PCR index", detail);

    /// <summary>413 InputTooLarge: a request body over <see cref="ApiLimits.MaxRequestBodyBytes"/>.</summary>
    public static ProblemDetails BodyTooLarge() => BodyTooLarge(ApiLimits.MaxRequestBodyBytes);

    /// <summary>413 InputTooLarge: a request body over the route's limit.</summary>
    public static ProblemDetails BodyTooLarge(long limit) =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            nameof(NsmErrorCode.InputTooLarge),
            "Request body too large",
            limit == ApiLimits.MaxRequestBodyBytes
                ? string.Create(CultureInfo.InvariantCulture, $"API request bodies are limited to {ApiLimits.MaxRequestBodyBytes} bytes; no NSM request is anywhere near that.")
                : string.Create(CultureInfo.InvariantCulture, $"This route takes at most {limit} bytes."));

    /// <summary>401: no credentials, or a token that matches no configured one.</summary>
    public static ProblemDetails Unauthorized() =>
        Create(
            StatusCodes.Status401Unauthorized,
            UnauthorizedCode,
            "Not signed in",
            "Send an API token as 'Authorization: Bearer <token>' (see 'nsm new-token'), or sign in on /login.");

    /// <summary>403: the caller's role does not allow the request.</summary>
    public static ProblemDetails Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, ForbiddenCode, "Not permitted", detail);

    /// <summary>403: a mutation with the session cookie but without a valid antiforgery token.</summary>
    public static ProblemDetails AntiforgeryRejected() =>
        Create(
            StatusCodes.Status403Forbidden,
            AntiforgeryCode,
            "Antiforgery token missing or invalid",
            "A request authenticated by the session cookie must carry the antiforgery token from GET /api/me in the X-CSRF-TOKEN header; scripts should use a bearer token instead.");

    /// <summary>429: over the rate limit.</summary>
    public static ProblemDetails TooManyRequests(int retryAfterSeconds) =>
        Create(
            StatusCodes.Status429TooManyRequests,
            TooManyRequestsCode,
            "Too many requests",
            string.Create(CultureInfo.InvariantCulture, $"This kind of request is rate-limited per user; try again in {retryAfterSeconds} s."));

    /// <summary>403: a mutation sent by a browser from another origin.</summary>
    public static ProblemDetails CrossSiteRequest(string origin) =>
        Create(
            StatusCodes.Status403Forbidden,
            CrossSiteRequestCode,
            "Cross-site request refused",
            $"A browser page from {Shorten(origin)} tried to change the NSM through this API. Mutations are accepted from the dashboard's own origin or from clients that send no Origin header (curl, scripts).");

    /// <summary>
    /// The problem for a request the framework refused while binding it: malformed JSON or a missing body (400),
    /// a body over the limit (413), another content type (415).
    /// </summary>
    public static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => BodyTooLarge(),
            StatusCodes.Status415UnsupportedMediaType => Create(
                StatusCodes.Status415UnsupportedMediaType,
                UnsupportedMediaTypeCode,
                "Unsupported media type",
                "Send the body as JSON with Content-Type: application/json."),
            _ when exception.InnerException is JsonException json => InvalidArgument(DescribeJsonError(json)),
            // Other binding failures' messages name .NET parameters and types; say what to send instead.
            _ => InvalidArgument("The request could not be read: send the JSON body described in /openapi/v1.json."),
        };
    }

    /// <summary>The problem for an error status the routing produced without a body (404 no route, 405 wrong method, …).</summary>
    public static ProblemDetails ForStatus(int status, string method, string path) => status switch
    {
        StatusCodes.Status404NotFound => Create(status, NotFoundCode, "Not found", $"There is no API route {Shorten(path)}; the routes are listed in /openapi/v1.json."),
        StatusCodes.Status405MethodNotAllowed => Create(status, MethodNotAllowedCode, "Method not allowed", $"{Shorten(method)} is not allowed on {Shorten(path)}; see /openapi/v1.json."),
        StatusCodes.Status415UnsupportedMediaType => Create(status, UnsupportedMediaTypeCode, "Unsupported media type", "Send the body as JSON with Content-Type: application/json."),
        StatusCodes.Status401Unauthorized => Unauthorized(),
        StatusCodes.Status403Forbidden => Forbidden("Your role does not allow this request."),
        < 500 => InvalidArgument("The request was refused."),
        _ => Unexpected(),
    };

    /// <summary>500 for a bug in the dashboard; the details go to the log, not to the client.</summary>
    public static ProblemDetails Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, nameof(NsmErrorCode.InternalError), "Unexpected error", "The dashboard failed unexpectedly; the details are in its log.");

    /// <summary>A problem with the given fields and <see cref="ErrorCodeKey"/>.</summary>
    public static ProblemDetails Create(int status, string errorCode, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Extensions = { [ErrorCodeKey] = errorCode },
    };

    /// <summary>Where a JSON body went wrong, without .NET type names.</summary>
    private static string DescribeJsonError(JsonException json)
    {
        var where = json.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        var position = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {json.BytePositionInLine + 1})")
            : string.Empty;
        var what = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "has a member this operation does not take"
            : "is not valid JSON for this operation";
        return $"The request body {what}{where}{position}; see /openapi/v1.json for its shape.";
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
}
