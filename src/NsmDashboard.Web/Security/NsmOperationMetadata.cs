using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Security;

/// <summary>
/// Marks a route that performs an <see cref="NsmOperations"/> operation, so that an attempt its authorization refuses
/// is still recorded in the audit trail (<see cref="AuditingAuthorizationResultHandler"/>).
/// </summary>
/// <param name="Operation">The operation the route performs.</param>
public sealed record NsmOperationMetadata(NsmOperationKind Operation);
