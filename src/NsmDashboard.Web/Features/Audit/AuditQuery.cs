using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>A filter over the audit trail; every member is optional.</summary>
/// <param name="User">Only this user or token name (case-insensitive).</param>
/// <param name="Operation">Only this operation.</param>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries at or before this time.</param>
public sealed record AuditQuery(string? User = null, NsmOperationKind? Operation = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Whether an entry passes the filter.</summary>
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (string.IsNullOrWhiteSpace(User) || string.Equals(entry.User, User.Trim(), StringComparison.OrdinalIgnoreCase))
            && (Operation is not { } operation || entry.Operation == operation.ToString())
            && (From is not { } from || entry.Time >= from)
            && (To is not { } to || entry.Time <= to);
    }
}
