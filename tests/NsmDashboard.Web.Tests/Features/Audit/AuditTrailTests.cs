using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Audit;

/// <summary>The audit trail's two stores: operations, and denied attempts as counted summaries that cannot push them out.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AuditTrail _trail;

    public AuditTrailTests() =>
        _trail = new AuditTrail(
            Options.Create(new AuditOptions { Capacity = 3, DenialCapacity = 3, DenialSummaryInterval = TimeSpan.FromMinutes(1) }),
            NullLogger<AuditTrail>.Instance,
            new ManualClock());

    public void Dispose() => _trail.Dispose();

    [Fact]
    public void Denials_from_one_source_within_the_interval_are_one_entry_with_a_count_and_the_last_time()
    {
        // Act
        for (var i = 0; i < 5; i++)
        {
            _trail.Record(Denied("10.0.0.1", T0.AddSeconds(i * 10)));
        }

        // Assert
        var entry = Assert.Single(_trail.Query(new AuditQuery()).Entries);
        Assert.Equal("Denied", entry.Outcome);
        Assert.Equal(5, entry.Count);
        Assert.Equal(T0, entry.Time);
        Assert.Equal(T0.AddSeconds(40), entry.LastTime);
    }

    [Fact]
    public void A_new_interval_a_new_address_or_another_operation_starts_a_new_entry()
    {
        // Act
        _trail.Record(Denied("10.0.0.1", T0));
        _trail.Record(Denied("10.0.0.1", T0.AddSeconds(30)));
        _trail.Record(Denied("10.0.0.1", T0.AddSeconds(61)));
        _trail.Record(Denied("10.0.0.2", T0.AddSeconds(62)));

        // Assert
        var entries = _trail.Query(new AuditQuery()).Entries;
        Assert.Equal([2L, 1L, 1L], entries.Select(e => e.Count));
        Assert.Equal(["10.0.0.1", "10.0.0.1", "10.0.0.2"], entries.Select(e => e.Address));
        Assert.Null(entries[1].LastTime);
    }

    [Fact]
    public void Requests_without_an_address_are_one_source_not_one_per_connection()
    {
        // Act: three API connections without an address (a vsock peer without a PROXY header).
        foreach (var connection in (string[])["c1", "c2", "c3"])
        {
            _trail.Record(new NsmOperationRecord(T0, NsmCaller.Api("no-ip:" + connection), NsmOperationKind.LockPcr, 17, NsmOperationOutcome.Denied));
        }

        // Assert
        Assert.Equal(3, Assert.Single(_trail.Query(new AuditQuery()).Entries).Count);
    }

    [Fact]
    public void No_number_of_denials_pushes_out_an_operation()
    {
        // Arrange
        _trail.Record(Succeeded(T0));

        // Act: denials from many addresses (each its own summary), far beyond both capacities.
        for (var i = 0; i < 1000; i++)
        {
            _trail.Record(Denied($"10.0.{i / 256}.{i % 256}", T0.AddMilliseconds(i)));
        }

        // Assert: the operation stands; only the oldest summaries were dropped, and counted.
        var snapshot = _trail.Query(new AuditQuery());
        Assert.Single(snapshot.Entries, e => e.Outcome == "Succeeded");
        Assert.Equal(3, snapshot.Entries.Count(e => e.Outcome == "Denied"));
        Assert.Equal(997, snapshot.DenialsDropped);
        Assert.Equal(0, snapshot.Dropped);
    }

    [Fact]
    public void Operations_beyond_their_capacity_drop_the_oldest_and_are_counted()
    {
        for (var i = 0; i < 5; i++)
        {
            _trail.Record(Succeeded(T0.AddSeconds(i)));
        }

        var snapshot = _trail.Query(new AuditQuery());
        Assert.Equal(3, snapshot.Entries.Count);
        Assert.Equal(2, snapshot.Dropped);
    }

    [Fact]
    public void Entries_come_back_in_the_order_they_were_recorded_across_both_stores()
    {
        _trail.Record(Denied("10.0.0.1", T0));
        _trail.Record(Succeeded(T0.AddSeconds(1)));
        _trail.Record(Denied("10.0.0.1", T0.AddSeconds(2)));

        var entries = _trail.Query(new AuditQuery()).Entries;
        Assert.Equal(["Denied", "Succeeded"], entries.Select(e => e.Outcome));
        Assert.True(entries[0].Sequence < entries[1].Sequence);
        Assert.Equal(2, entries[0].Count);
    }

    private static NsmOperationRecord Denied(string address, DateTimeOffset time) =>
        new(time, NsmCaller.Api(address) with { Address = address }, NsmOperationKind.LockPcr, 17, NsmOperationOutcome.Denied) { Reason = "Not signed in." };

    private static NsmOperationRecord Succeeded(DateTimeOffset time) =>
        new(time, NsmCaller.Api("10.9.9.9") with { User = "olivia", Role = "Operator", Address = "10.9.9.9" }, NsmOperationKind.LockPcr, 16, NsmOperationOutcome.Succeeded);
}
