using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>One PCR as DescribePCR reported it: index, lock state and value (docs/nsm-messages.md#responses).</summary>
/// <param name="Index">The PCR index.</param>
/// <param name="Locked">Whether the PCR is read-only for the rest of the enclave's life.</param>
/// <param name="Value">The PCR value (48 bytes under SHA-384).</param>
public sealed record PcrState(ushort Index, bool Locked, ReadOnlyMemory<byte> Value)
{
    /// <summary>The value as lowercase hex.</summary>
    /// <remarks>Computed when read: an initialised property would keep a stale value through <c>with</c>.</remarks>
    public string Hex => Convert.ToHexStringLower(Value.Span);

    /// <summary>Whether every byte of the value is zero (the initial value of every PCR).</summary>
    public bool IsZero => !Value.Span.ContainsAnyExcept((byte)0);

    /// <summary>Creates the state from a DescribePCR response.</summary>
    public static PcrState From(ushort index, DescribePcrResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new PcrState(index, response.Lock, response.Data);
    }

    /// <inheritdoc/>
    public bool Equals(PcrState? other) =>
        other is not null && Index == other.Index && Locked == other.Locked && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Index);
        hash.Add(Locked);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }
}
