using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Api.Tests.Operations;

public sealed class NotifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_API_mutation_reaches_every_PcrChangeNotifier_subscriber_as_an_api_caller()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var changes = new List<PcrChange>();
        using var subscription = api.Services.GetRequiredService<PcrChangeNotifier>().Subscribe(changes.Add);

        // Act
        var extended = await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/18/extend", new { data = "aa" }));
        await client.PostAsync("/api/pcrs/18/lock", null, Ct);
        await client.PostJsonAsync("/api/pcrs/lock", new { range = 17 });
        await client.PostJsonAsync("/api/pcrs/0/extend", new { data = "aa" });

        // Assert: three changes, in order; the refused extend of PCR0 published nothing.
        Assert.Equal([PcrChangeKind.Extended, PcrChangeKind.Locked, PcrChangeKind.RangeLocked], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.Equal(NsmCaller.ApiChannel, c.Caller.Channel));
        Assert.Equal(extended.GetProperty("value").GetString(), changes[0].Pcrs.Single().Hex);
        Assert.True(changes[1].Pcrs.Single().Locked);
        Assert.Equal(17, changes[2].Pcrs.Count);
    }
}
