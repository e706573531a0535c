using Microsoft.Extensions.Options;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// Whether the NSM works, as the anonymous <c>GET /healthz</c> tells it: from a DescribeNSM made at most once per
/// <see cref="NsmDashboardOptions.HealthProbeInterval"/> whatever the request rate (concurrent probes share one call),
/// and from every failure of the device seen meanwhile (<see cref="ReportFailure"/>), which counts at once. So a flood
/// of probes costs the NSM nothing, and a broken device shows at the next probe after it failed.
/// </summary>
public sealed class NsmHealth(NsmClient client, IOptions<NsmDashboardOptions> options, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private Task<NsmException?>? _probe;
    private long _probedAt;
    private NsmException? _failure;

    /// <summary>The NSM's state: null when it answered the last probe and has not failed since; else the failure.</summary>
    public async Task<NsmException?> GetFailureAsync(CancellationToken cancellationToken = default)
    {
        Task<NsmException?> probe;
        lock (_gate)
        {
            if (_failure is { } failure)
            {
                // A failure reported meanwhile is the answer until the next probe succeeds.
                _failure = null;
                _probe = Task.FromResult<NsmException?>(failure);
                _probedAt = timeProvider.GetTimestamp();
            }

            if (_probe is null || (_probe.IsCompleted && timeProvider.GetElapsedTime(_probedAt) >= options.Value.HealthProbeInterval))
            {
                _probedAt = timeProvider.GetTimestamp();
                _probe = ProbeAsync();
            }

            probe = _probe;
        }

        return await probe.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a failure of the device seen by any caller; the next <c>/healthz</c> reports it.</summary>
    public void ReportFailure(NsmException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_gate)
        {
            _failure = failure;
        }
    }

    private async Task<NsmException?> ProbeAsync()
    {
        try
        {
            await client.DescribeNsmAsync(CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (NsmException ex)
        {
            return ex;
        }
    }
}
