namespace NsmDashboard.Web.Features.Overview;

/// <summary>DescribeNSM, as <c>GET /api/nsm</c> returns it.</summary>
/// <param name="VersionMajor">The module's major version (1 on Nitro).</param>
/// <param name="VersionMinor">The module's minor version.</param>
/// <param name="VersionPatch">The module's patch version.</param>
/// <param name="ModuleId">The module id, e.g. <c>i-00c89f181802cdef4-enc0175cd0dcee36866</c>.</param>
/// <param name="MaxPcrs">The number of PCRs (32 on Nitro).</param>
/// <param name="LockedPcrs">The indices of the locked PCRs, ascending.</param>
/// <param name="Digest">The PCR digest: <c>SHA384</c> on every real NSM.</param>
/// <param name="Mode"><c>device</c> (the NSM through /dev/nsm) or <c>emulator</c> (in-process; nothing is attested by AWS).</param>
public sealed record NsmInfoResponse(
    int VersionMajor,
    int VersionMinor,
    int VersionPatch,
    string ModuleId,
    int MaxPcrs,
    IReadOnlyList<int> LockedPcrs,
    string Digest,
    string Mode);
