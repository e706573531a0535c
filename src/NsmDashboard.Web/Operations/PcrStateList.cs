namespace NsmDashboard.Web.Operations;

/// <summary>Reading PCR values out of a list of <see cref="PcrState"/> by index.</summary>
public static class PcrStateList
{
    /// <summary>The value of PCR <paramref name="index"/>, or <see langword="null"/> when the list does not reach it.</summary>
    public static ReadOnlyMemory<byte>? ValueOf(this IReadOnlyList<PcrState> pcrs, int index)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        return index >= 0 && index < pcrs.Count && pcrs[index].Index == index ? pcrs[index].Value : null;
    }
}
