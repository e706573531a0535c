using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>The body of <c>POST /api/pcrs/lock</c>.</summary>
/// <param name="Range">Locks PCRs <c>[0, range)</c> (LockPCRs); 0 to 32 on Nitro.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LockRangeBody(int? Range = null);
