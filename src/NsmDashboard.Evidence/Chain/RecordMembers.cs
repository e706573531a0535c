using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>Puts a record together: the members every record has, the lost run it names, and its payload's members.</summary>
internal static class RecordMembers
{
    private static readonly string[] Reserved =
    [
        TrailMembers.Version, TrailMembers.Stream, TrailMembers.Type, TrailMembers.Sequence, TrailMembers.Previous,
        TrailMembers.Time, TrailMembers.Lost, TrailMembers.Hash, TrailMembers.Data,
    ];

    /// <summary>The payload's members, checked.</summary>
    /// <exception cref="ArgumentException">The payload writes a reserved member, one twice, or a value a trail cannot hold.</exception>
    public static EvidenceObject OfPayload(IEvidencePayload payload)
    {
        var builder = new EvidenceObjectBuilder(16);
        payload.WriteMembers(builder);
        var members = builder.Build();
        foreach (var name in Reserved)
        {
            if (members.Contains(name))
            {
                throw new ArgumentException($"A payload must not write \"{name}\": the chain writes it.", nameof(payload));
            }
        }

        return members;
    }

    /// <summary>The whole record without <c>hash</c> and <c>data</c>.</summary>
    public static EvidenceObject Compose(
        EvidenceLog stream, long sequence, EvidenceHash previous, DateTimeOffset time, LostRun? lost, EvidenceObject payload)
    {
        var builder = new EvidenceObjectBuilder(payload.Count + 7)
            .Add(TrailMembers.Version, TrailMembers.CurrentVersion)
            .Add(TrailMembers.Stream, stream.Name())
            .Add(TrailMembers.Type, TrailMembers.RecordType)
            .Add(TrailMembers.Sequence, sequence)
            .Add(TrailMembers.Previous, previous.ToString())
            .Add(TrailMembers.Time, EvidenceTime.ToText(time));
        if (lost is { } run)
        {
            builder.Add(TrailMembers.Lost, new EvidenceObjectBuilder(2)
                .Add(TrailMembers.From, run.From)
                .Add(TrailMembers.Through, run.Through)
                .Build());
        }

        foreach (var (name, value) in payload.Members)
        {
            builder.Add(name, value);
        }

        return builder.Build();
    }
}
