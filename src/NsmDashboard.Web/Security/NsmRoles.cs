using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Security;

/// <summary>
/// The dashboard's two roles and the authorization policies named after them. <see cref="Viewer"/> reads everything
/// and may request attestation with a nonce only; <see cref="Operator"/> may also extend, lock and request
/// attestation over user_data or a public key (a credential). Enforced by
/// <see cref="NsmAccessPolicy"/> inside <see cref="NsmOperations"/>, and by these policies on routes.
/// </summary>
public static class NsmRoles
{
    /// <summary>Reads everything; attestation with a nonce only.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Also extends, locks, and requests attestation with user_data or public_key.</summary>
    public const string Operator = "Operator";

    /// <summary>The policy of routes any signed-in role may use (Viewer or Operator).</summary>
    public const string ViewerPolicy = "NsmViewer";

    /// <summary>The policy of routes only an Operator may use.</summary>
    public const string OperatorPolicy = "NsmOperator";

    /// <summary>The canonical spelling of a role name given in any case, or null when it is not a role.</summary>
    public static string? Normalize(string? role) =>
        string.Equals(role, Viewer, StringComparison.OrdinalIgnoreCase) ? Viewer
        : string.Equals(role, Operator, StringComparison.OrdinalIgnoreCase) ? Operator
        : null;
}
