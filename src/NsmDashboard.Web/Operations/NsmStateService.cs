using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// The read side of the dashboard: DescribeNSM, the PCRs and random bytes, always read live from the
/// NSM (nothing is cached, so what the page shows is what the module says now). Mutations go through
/// <see cref="NsmOperations"/> instead.
/// </summary>
/// <remarks>Every method may throw <see cref="NsmException"/> (or a subclass) when the NSM refuses or the device fails.</remarks>
public sealed class NsmStateService(NsmClient client)
{
    /// <summary>Which kind of module answers: the device or the emulator.</summary>
    public NsmTransportKind Kind => client.Transport.Kind;

    /// <summary>Whether the module is the in-process emulator rather than a Nitro Secure Module.</summary>
    public bool IsEmulated => client.Transport.Kind == NsmTransportKind.Emulator;

    /// <summary>The transport's own description: the device path, or what the emulator is.</summary>
    public string TransportDescription => client.Transport.Description;

    /// <summary>DescribeNSM.</summary>
    public async Task<DescribeNsmResponse> DescribeAsync(CancellationToken cancellationToken = default) =>
        await client.DescribeNsmAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>DescribePCR for one index.</summary>
    public async Task<PcrState> GetPcrAsync(ushort index, CancellationToken cancellationToken = default) =>
        PcrState.From(index, await client.DescribePcrAsync(index, cancellationToken).ConfigureAwait(false));

    /// <summary>DescribePCR for the indices <c>[0, count)</c>.</summary>
    public async Task<IReadOnlyList<PcrState>> GetPcrsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, ushort.MaxValue + 1);
        var pcrs = new PcrState[count];
        for (var i = 0; i < count; i++)
        {
            pcrs[i] = await GetPcrAsync((ushort)i, cancellationToken).ConfigureAwait(false);
        }

        return pcrs;
    }

    /// <summary>DescribeNSM and then every PCR it reports (<c>max_pcrs</c>, 32 on Nitro).</summary>
    public async Task<NsmSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var module = await DescribeAsync(cancellationToken).ConfigureAwait(false);
        var pcrs = await GetPcrsAsync(module.MaxPcrs, cancellationToken).ConfigureAwait(false);
        return new NsmSnapshot(module, pcrs);
    }

    /// <summary>
    /// Whether the enclave runs in debug mode, which the NSM shows only through PCR0, PCR1 and PCR2
    /// all reading zero (docs/pcrs.md#debug-mode).
    /// </summary>
    public async Task<bool> IsDebugModeAsync(CancellationToken cancellationToken = default) =>
        EnclaveDebugMode.IsIndicatedBy((await GetPcrsAsync(EnclaveDebugMode.ZeroPcrs.Count, cancellationToken).ConfigureAwait(false)).ValueOf);

    /// <summary>GetRandom: the NSM's block of random bytes (256 on Nitro).</summary>
    public async Task<ReadOnlyMemory<byte>> GetRandomAsync(CancellationToken cancellationToken = default) =>
        await client.GetRandomAsync(cancellationToken).ConfigureAwait(false);
}
