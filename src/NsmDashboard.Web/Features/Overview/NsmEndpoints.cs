using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Overview;

/// <summary><c>GET /api/nsm</c>: DescribeNSM and whether the module is the device or the emulator.</summary>
public static class NsmEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapNsmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/nsm", DescribeAsync)
            .WithTags("NSM")
            .WithName("DescribeNsm")
            .WithSummary("DescribeNSM: version, module id, PCR count, locked PCRs, digest; and the mode (device or emulator).")
            .ProducesProblems();
        return endpoints;
    }

    /// <summary>The API's name for a transport kind: <c>device</c> or <c>emulator</c>.</summary>
    public static string ModeName(NsmTransportKind kind) => kind == NsmTransportKind.Device ? "device" : "emulator";

    internal static async Task<Ok<NsmInfoResponse>> DescribeAsync(NsmStateService state, CancellationToken cancellationToken)
    {
        var nsm = await state.DescribeAsync(cancellationToken);
        return TypedResults.Ok(new NsmInfoResponse(
            nsm.VersionMajor,
            nsm.VersionMinor,
            nsm.VersionPatch,
            nsm.ModuleId,
            nsm.MaxPcrs,
            [.. nsm.LockedPcrs.Order().Select(i => (int)i)],
            nsm.Digest.ToWireName(),
            ModeName(state.Kind)));
    }
}
