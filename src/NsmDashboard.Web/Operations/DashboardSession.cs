using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// One dashboard circuit (scoped service): a short id that names the circuit in audit lines, the signed-in user
/// the circuit was opened by, and the browser's address, so that a mutation in the log can be traced to a person
/// and a browser tab.
/// </summary>
public sealed class DashboardSession(AuthenticationStateProvider authentication)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <summary>A short random id for this circuit.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The browser's address as the page request showed it (set once by the router), when known.</summary>
    public string? Address { get; set; }

    /// <summary>
    /// The user the circuit belongs to. The circuit's authentication state is set when it starts and is complete from
    /// then on; before that (or when it failed) the user is anonymous, and anonymous callers may do nothing.
    /// </summary>
    public ClaimsPrincipal User
    {
        get
        {
            try
            {
                var state = authentication.GetAuthenticationStateAsync();
                return state.IsCompletedSuccessfully ? state.Result.User : Anonymous;
            }
            catch (InvalidOperationException)
            {
                // The circuit has not received its authentication state yet.
                return Anonymous;
            }
        }
    }

    /// <summary>The signed-in role (<c>Viewer</c>, <c>Operator</c>), or null.</summary>
    public string? Role => User.Identity is { IsAuthenticated: true } ? User.FindFirst(ClaimTypes.Role)?.Value : null;

    /// <summary>The caller to pass to <see cref="NsmOperations"/> for mutations made from this circuit.</summary>
    public NsmCaller Caller
    {
        get
        {
            var user = User;
            var name = user.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
            return NsmCaller.Dashboard(Id) with
            {
                User = name,
                Role = name is null ? null : user.FindFirst(ClaimTypes.Role)?.Value,
                Address = Address,
            };
        }
    }
}
