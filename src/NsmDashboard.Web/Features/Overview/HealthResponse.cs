namespace NsmDashboard.Web.Features.Overview;

/// <summary>The answer of the anonymous <c>GET /healthz</c> when the NSM works: nothing that identifies the enclave.</summary>
/// <param name="Status">Always <c>healthy</c> (an unhealthy NSM gives a 503 problem instead).</param>
/// <param name="Mode"><c>device</c> or <c>emulator</c>.</param>
public sealed record HealthResponse(string Status, string Mode);

/// <summary>The answer of <c>GET /healthz/ready</c> (signed in): the NSM asked now.</summary>
/// <param name="Status">Always <c>ready</c> (an NSM that does not answer gives a 503 problem instead).</param>
/// <param name="Mode"><c>device</c> or <c>emulator</c>.</param>
/// <param name="ModuleId">The module id DescribeNSM reported (on Nitro it carries the parent's EC2 instance id).</param>
public sealed record ReadinessResponse(string Status, string Mode, string ModuleId);
