namespace NsmDashboard.Web.Operations;

/// <summary>
/// What the sinks of <see cref="NsmOperations"/> may keep of an extend's data. Its SHA-384 and length are always
/// kept; the data itself is what an operator may want kept out of memory (a measured secret) or, for the audit trail,
/// kept in only when asked.
/// </summary>
/// <param name="Private">
/// Keep only the SHA-384 and length anywhere — the event log replays a private entry from its recorded
/// before and after values — and never the data, whatever <paramref name="InAuditTrail"/> says.
/// </param>
/// <param name="InAuditTrail">Also keep the data itself in the audit trail (off by default).</param>
public readonly record struct ExtendDataOptions(bool Private = false, bool InAuditTrail = false);
