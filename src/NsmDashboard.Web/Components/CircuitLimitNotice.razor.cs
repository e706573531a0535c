using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Components;

/// <summary>The page a new tab gets when the circuit limit is reached (<see cref="Hosting.CircuitLimit"/>).</summary>
public sealed partial class CircuitLimitNotice
{
    /// <summary>The circuits open now.</summary>
    [Parameter]
    public long Open { get; set; }

    /// <summary>The limit.</summary>
    [Parameter]
    public int Max { get; set; }
}
