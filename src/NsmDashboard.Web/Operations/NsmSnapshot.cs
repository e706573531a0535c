using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>DescribeNSM and every PCR, read one after the other.</summary>
/// <param name="Module">The DescribeNSM answer.</param>
/// <param name="Pcrs">PCRs 0 to <c>max_pcrs − 1</c>, by index.</param>
public sealed record NsmSnapshot(DescribeNsmResponse Module, IReadOnlyList<PcrState> Pcrs)
{
    /// <summary>Whether PCR0–2 all read zero, the mark of a debug-mode enclave (<see cref="EnclaveDebugMode"/>).</summary>
    public bool IsDebugMode => EnclaveDebugMode.IsIndicatedBy(Pcrs.ValueOf);

    /// <summary>The number of locked PCRs among <see cref="Pcrs"/>.</summary>
    public int LockedCount => Pcrs.Count(p => p.Locked);

    /// <summary>Returns a snapshot in which the given PCRs replace those with the same index.</summary>
    public NsmSnapshot With(IEnumerable<PcrState> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var pcrs = Pcrs.ToArray();
        foreach (var pcr in changed)
        {
            if (pcr.Index < pcrs.Length)
            {
                pcrs[pcr.Index] = pcr;
            }
        }

        var locked = pcrs.Where(p => p.Locked).Select(p => p.Index).ToArray();
        return new NsmSnapshot(Module with { LockedPcrs = locked }, pcrs);
    }
}
