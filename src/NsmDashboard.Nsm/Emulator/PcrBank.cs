using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// The 32 SHA-384 PCRs of the emulated NSM and their lock bits (docs/pcrs.md). Every operation
/// takes one lock, so concurrent requests see the same serial order the kernel's device mutex gives
/// the real module (docs/nsm-ioctl.md#driver-steps step 3). Answers are protocol responses, errors included.
/// </summary>
internal sealed class PcrBank
{
    private static readonly ErrorResponse InvalidIndex = new(NsmErrorCode.InvalidIndex);
    private static readonly ErrorResponse ReadOnlyIndex = new(NsmErrorCode.ReadOnlyIndex);

    private readonly Lock _gate = new();
    private readonly byte[][] _values;

    // Bit i set = PCR i is read-only. 32 PCRs fit one uint.
    private uint _locked;

    /// <summary>Creates the bank in its boot state: the given values, then PCRs [0, 16) locked.</summary>
    /// <param name="bootValues">Values for PCRs set at boot (index → 48 bytes); all others are zero.</param>
    public PcrBank(IReadOnlyDictionary<int, byte[]> bootValues)
    {
        _values = new byte[NsmLimits.PcrCount][];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = new byte[NsmLimits.PcrLength];
        }

        foreach (var (index, value) in bootValues)
        {
            value.CopyTo(_values[index], 0);
        }

        // PCRs 0–15 are read-only from enclave start (docs/pcrs.md#boot-locked).
        _locked = (1u << NsmLimits.BootLockedPcrCount) - 1;
    }

    /// <summary>DescribePCR: the value and lock bit; index ≥ 32 → InvalidIndex.</summary>
    public NsmResponse Describe(ushort index)
    {
        if (index >= NsmLimits.PcrCount)
        {
            return InvalidIndex;
        }

        lock (_gate)
        {
            return new DescribePcrResponse(IsLocked(index), _values[index].ToArray());
        }
    }

    /// <summary>ExtendPCR: PCR ← SHA384(PCR ‖ data); index ≥ 32 → InvalidIndex, locked → ReadOnlyIndex.</summary>
    public NsmResponse Extend(ushort index, ReadOnlySpan<byte> data)
    {
        if (index >= NsmLimits.PcrCount)
        {
            return InvalidIndex;
        }

        var updated = new byte[NsmLimits.PcrLength];
        lock (_gate)
        {
            if (IsLocked(index))
            {
                return ReadOnlyIndex;
            }

            PcrExtension.Compute(NsmDigest.Sha384, _values[index], data, updated);
            updated.CopyTo(_values[index], 0);
        }

        return new ExtendPcrResponse(updated);
    }

    /// <summary>LockPCR: make one PCR read-only; index ≥ 32 → InvalidIndex, already locked → ReadOnlyIndex.</summary>
    public NsmResponse Lock(ushort index)
    {
        if (index >= NsmLimits.PcrCount)
        {
            return InvalidIndex;
        }

        lock (_gate)
        {
            if (IsLocked(index))
            {
                return ReadOnlyIndex;
            }

            _locked |= 1u << index;
        }

        return LockPcrResponse.Instance;
    }

    /// <summary>
    /// LockPCRs: lock [0, range). Succeeds when some or all are already locked (nsm-check relies on it);
    /// range 0 is a no-op success; range &gt; 32 → InvalidIndex (docs/pcrs.md#errors).
    /// </summary>
    public NsmResponse LockRange(ushort range)
    {
        if (range > NsmLimits.PcrCount)
        {
            return InvalidIndex;
        }

        // range == 32 would shift a uint by 32, which C# reduces mod 32: build the mask in 64 bits.
        var mask = (uint)((1UL << range) - 1);
        lock (_gate)
        {
            _locked |= mask;
        }

        return LockPcrsResponse.Instance;
    }

    /// <summary>The locked indices, ascending (DescribeNSM's <c>locked_pcrs</c> is a BTreeSet).</summary>
    public ushort[] LockedIndices()
    {
        uint locked;
        lock (_gate)
        {
            locked = _locked;
        }

        var indices = new List<ushort>(NsmLimits.PcrCount);
        for (ushort i = 0; i < NsmLimits.PcrCount; i++)
        {
            if ((locked & (1u << i)) != 0)
            {
                indices.Add(i);
            }
        }

        return [.. indices];
    }

    /// <summary>
    /// A consistent copy of the locked PCRs, ascending: exactly what an attestation document's <c>pcrs</c>
    /// map holds (docs/pcrs.md#attestation-pcrs). Taken under the lock so signing can run outside it.
    /// </summary>
    public KeyValuePair<int, byte[]>[] SnapshotLocked()
    {
        lock (_gate)
        {
            var snapshot = new List<KeyValuePair<int, byte[]>>(NsmLimits.PcrCount);
            for (var i = 0; i < NsmLimits.PcrCount; i++)
            {
                if (IsLocked(i))
                {
                    snapshot.Add(new(i, _values[i].ToArray()));
                }
            }

            return [.. snapshot];
        }
    }

    private bool IsLocked(int index) => (_locked & (1u << index)) != 0;
}
