using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Security;

/// <summary>
/// Answers refused requests as ASP.NET Core does (401 challenge, 403 forbid), and first records the refusal in the
/// audit trail when the route would have changed the NSM or requested attestation (<see cref="NsmOperationMetadata"/>):
/// an anonymous or Viewer attempt to lock a PCR leaves an entry, and the NSM is not touched.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(NsmOperations operations, NsmAccessPolicy access) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && context.GetEndpoint()?.Metadata.GetMetadata<NsmOperationMetadata>() is { } operation)
        {
            var reason = authorizeResult.Challenged ? "Not signed in."
                : access.IsReadOnly ? NsmAccessPolicy.ReadOnlyReason
                : NsmAccessPolicy.DescribeOperatorOnly(operation.Operation);
            await operations.RecordDeniedAsync(ApiCaller.From(context), operation.Operation, Argument(context), reason, context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    // The PCR index from the route, when there is one and it is a number; a lock-range's body is not read.
    private static ushort? Argument(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("index", out var value)
        && ushort.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
}
