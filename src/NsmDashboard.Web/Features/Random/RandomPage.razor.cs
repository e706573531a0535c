using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Random;

/// <summary>GetRandom on demand, shown as hex and base64 with copy buttons.</summary>
public partial class RandomPage
{
    private ReadOnlyMemory<byte>? _random;
    private DateTimeOffset? _readAt;
    private bool _loading;
    private NsmException? _error;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private async Task GetRandomAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _random = await State.GetRandomAsync();
            _readAt = Time.GetUtcNow();
        }
        catch (NsmException ex)
        {
            _error = ex;
        }
        finally
        {
            _loading = false;
        }
    }
}
