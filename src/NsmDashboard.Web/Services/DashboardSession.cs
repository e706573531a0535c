namespace NsmDashboard.Web.Services;

/// <summary>
/// One dashboard circuit (scoped service): a short id that names the circuit in audit lines, so that a
/// mutation in the log can be traced to the browser tab that made it.
/// </summary>
public sealed class DashboardSession
{
    /// <summary>A short random id for this circuit.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The caller to pass to <see cref="NsmOperations"/> for mutations made from this circuit.</summary>
    public NsmCaller Caller => NsmCaller.Dashboard(Id);
}
