using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// Shows an NSM failure as an operator-readable message naming the NSM ErrorCode or the errno
/// (<see cref="NsmErrorText"/>). Renders nothing when <see cref="Error"/> is null.
/// </summary>
public partial class NsmErrorAlert
{
    /// <summary>The failure to show.</summary>
    [Parameter]
    public NsmException? Error { get; set; }

    /// <summary>What was being done, e.g. "Reading the PCRs".</summary>
    [Parameter]
    public string Action { get; set; } = "The request";

    /// <summary>Offers a Retry button when set.</summary>
    [Parameter]
    public EventCallback OnRetry { get; set; }

    /// <summary>Offers a close icon when set.</summary>
    [Parameter]
    public EventCallback OnDismiss { get; set; }

    private Task DismissAsync(MudAlert alert) => OnDismiss.InvokeAsync();
}
