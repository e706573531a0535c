using Microsoft.Extensions.Logging.Abstractions;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Tests.Operations;

public sealed class PcrChangeNotifierTests
{
    private static readonly PcrChange Change = new(
        PcrChangeKind.Extended, [new PcrState(16, false, new byte[48])], NsmCaller.Api("127.0.0.1"), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Every_subscriber_gets_each_change_until_it_unsubscribes()
    {
        // Arrange
        var notifier = new PcrChangeNotifier(NullLogger<PcrChangeNotifier>.Instance);
        var first = new List<PcrChange>();
        var second = new List<PcrChange>();
        var firstSubscription = notifier.Subscribe(first.Add);
        using var secondSubscription = notifier.Subscribe(second.Add);

        // Act
        notifier.Publish(Change);
        firstSubscription.Dispose();
        firstSubscription.Dispose();
        notifier.Publish(Change);

        // Assert
        Assert.Single(first);
        Assert.Equal(2, second.Count);
        Assert.Equal(1, notifier.SubscriberCount);
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others()
    {
        // Arrange
        var notifier = new PcrChangeNotifier(NullLogger<PcrChangeNotifier>.Instance);
        var received = 0;
        using var broken = notifier.Subscribe(_ => throw new InvalidOperationException("broken circuit"));
        using var healthy = notifier.Subscribe(_ => received++);

        // Act
        notifier.Publish(Change);

        // Assert
        Assert.Equal(1, received);
    }
}
