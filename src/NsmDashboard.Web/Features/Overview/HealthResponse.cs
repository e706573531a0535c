namespace NsmDashboard.Web.Features.Overview;

/// <summary>The answer of <c>GET /healthz</c> when the NSM answered DescribeNSM.</summary>
/// <param name="Status">Always <c>healthy</c> (an unhealthy NSM gives a 503 problem instead).</param>
/// <param name="Mode"><c>device</c> or <c>emulator</c>.</param>
/// <param name="ModuleId">The module id DescribeNSM reported.</param>
public sealed record HealthResponse(string Status, string Mode, string ModuleId);
