using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace NsmDashboard.Web.Components;

/// <summary>
/// The document shell: head, styles, scripts and the router; or, when a new tab would exceed the circuit limit, a
/// static page saying so (<see cref="Hosting.CircuitLimit"/>).
/// </summary>
public partial class App
{
    // Interactive server without prerendering: pages read the NSM once, when the circuit starts,
    // instead of once for the prerender and again for the circuit; and nothing on screen can be
    // clicked before it is live.
    private static readonly IComponentRenderMode InteractiveServerNoPrerender = new InteractiveServerRenderMode(prerender: false);

    [Inject]
    private Hosting.CircuitLimit Circuits { get; set; } = default!;

    /// <summary>The request being rendered (the shell is rendered statically).</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    // The browser's address, handed to the circuit for the audit trail (the circuit itself has no request to ask).
    private string? ClientAddress => HttpContext?.Connection.RemoteIpAddress?.ToString();

    // Pages marked [ExcludeFromInteractiveRouting] (the error page) render statically.
    private IComponentRenderMode? PageRenderMode =>
        HttpContext?.AcceptsInteractiveRouting() == false ? null : InteractiveServerNoPrerender;
}
