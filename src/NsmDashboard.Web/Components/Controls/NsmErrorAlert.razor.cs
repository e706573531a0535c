using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Components.Controls;

/// <summary>
/// Shows an NSM failure as an operator-readable message naming the NSM ErrorCode or the errno
/// (<see cref="NsmErrorText"/>). Renders nothing when <see cref="Error"/> is null. With <see cref="RetryWhenAnswering"/>,
/// a failure of the path to the NSM (not a refusal) is retried by itself once <see cref="NsmRecoveryProbe"/> sees the NSM
/// answer again, so a live view catches up after an outage without a reload.
/// </summary>
public sealed partial class NsmErrorAlert : IDisposable
{
    private IDisposable? _waiting;
    private NsmException? _waitingFor;

    /// <summary>The failure to show.</summary>
    [Parameter]
    public NsmException? Error { get; set; }

    /// <summary>What was being done, e.g. "Reading the PCRs".</summary>
    [Parameter]
    public string Action { get; set; } = "The request";

    /// <summary>Offers a Retry button when set.</summary>
    [Parameter]
    public EventCallback OnRetry { get; set; }

    /// <summary>
    /// Calls <see cref="OnRetry"/> by itself when the NSM answers again after a device or protocol failure. For reads
    /// only: never for a request that must not be repeated without the operator (an attestation, a mutation).
    /// </summary>
    [Parameter]
    public bool RetryWhenAnswering { get; set; }

    /// <summary>Offers a close icon when set.</summary>
    [Parameter]
    public EventCallback OnDismiss { get; set; }

    [Inject]
    private NsmRecoveryProbe Probe { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => StopWaiting();

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Error, _waitingFor) && _waiting is not null)
        {
            return;
        }

        StopWaiting();
        if (Error is { } error && RetryWhenAnswering && OnRetry.HasDelegate && NsmRecoveryProbe.IsTransient(error))
        {
            _waitingFor = error;
            _waiting = Probe.WhenAnswering(() => _ = InvokeAsync(async () =>
            {
                if (ReferenceEquals(Error, error))
                {
                    _waiting = null;
                    await OnRetry.InvokeAsync();
                }
            }));
        }
    }

    private void StopWaiting()
    {
        _waiting?.Dispose();
        _waiting = null;
        _waitingFor = null;
    }

    private Task DismissAsync(MudAlert alert) => OnDismiss.InvokeAsync();
}
