namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// A response from the NSM: one record per variant of <c>aws_nitro_enclaves_nsm_api::api::Response</c>
/// (docs/nsm-messages.md#responses). Byte fields are not copied; records compare them by value.
/// </summary>
public abstract record NsmResponse
{
    private protected NsmResponse()
    {
    }

    /// <summary>The variant name, as written on the wire.</summary>
    public abstract string Name { get; }
}

/// <summary><c>DescribePCR { lock, data }</c>.</summary>
/// <param name="Lock">Whether the PCR is read-only.</param>
/// <param name="Data">The PCR value (48 bytes for SHA-384).</param>
public sealed record DescribePcrResponse(bool Lock, ReadOnlyMemory<byte> Data) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => "DescribePCR";

    /// <inheritdoc/>
    public bool Equals(DescribePcrResponse? other) =>
        other is not null && Lock == other.Lock && ByteEquality.Equal(Data, other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lock, ByteEquality.Hash(Data));
}

/// <summary><c>ExtendPCR { data }</c>: the PCR value after the extend.</summary>
/// <param name="Data">The new PCR value.</param>
public sealed record ExtendPcrResponse(ReadOnlyMemory<byte> Data) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => "ExtendPCR";

    /// <inheritdoc/>
    public bool Equals(ExtendPcrResponse? other) => other is not null && ByteEquality.Equal(Data, other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => ByteEquality.Hash(Data);
}

/// <summary><c>LockPCR</c> (a unit variant): the PCR is now locked.</summary>
public sealed record LockPcrResponse : NsmResponse
{
    /// <summary>The only value of this response.</summary>
    public static LockPcrResponse Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "LockPCR";
}

/// <summary><c>LockPCRs</c> (a unit variant): the range is now locked.</summary>
public sealed record LockPcrsResponse : NsmResponse
{
    /// <summary>The only value of this response.</summary>
    public static LockPcrsResponse Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "LockPCRs";
}

/// <summary><c>DescribeNSM { version_major, version_minor, version_patch, module_id, max_pcrs, locked_pcrs, digest }</c>.</summary>
/// <param name="VersionMajor">Major version (1 on Nitro).</param>
/// <param name="VersionMinor">Minor version.</param>
/// <param name="VersionPatch">Patch version.</param>
/// <param name="ModuleId">The module id, e.g. <c>i-00c89f181802cdef4-enc0175cd0dcee36866</c>.</param>
/// <param name="MaxPcrs">The number of PCRs (32 on Nitro).</param>
/// <param name="LockedPcrs">The locked PCR indices, ascending and distinct (a <c>BTreeSet</c> on the wire).</param>
/// <param name="Digest">The PCR digest.</param>
public sealed record DescribeNsmResponse(
    ushort VersionMajor,
    ushort VersionMinor,
    ushort VersionPatch,
    string ModuleId,
    ushort MaxPcrs,
    IReadOnlyList<ushort> LockedPcrs,
    NsmDigest Digest) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => "DescribeNSM";

    /// <summary>The version as <c>major.minor.patch</c>.</summary>
    public string Version => $"{VersionMajor}.{VersionMinor}.{VersionPatch}";

    /// <inheritdoc/>
    public bool Equals(DescribeNsmResponse? other) =>
        other is not null
        && VersionMajor == other.VersionMajor
        && VersionMinor == other.VersionMinor
        && VersionPatch == other.VersionPatch
        && ModuleId == other.ModuleId
        && MaxPcrs == other.MaxPcrs
        && LockedPcrs.SequenceEqual(other.LockedPcrs)
        && Digest == other.Digest;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(VersionMajor, VersionMinor, VersionPatch, ModuleId, MaxPcrs, LockedPcrs.Count, Digest);
}

/// <summary><c>Attestation { document }</c>: the COSE_Sign1 attestation document (docs/attestation-document.md).</summary>
/// <param name="Document">The document bytes.</param>
public sealed record AttestationResponse(ReadOnlyMemory<byte> Document) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => "Attestation";

    /// <inheritdoc/>
    public bool Equals(AttestationResponse? other) => other is not null && ByteEquality.Equal(Document, other.Document);

    /// <inheritdoc/>
    public override int GetHashCode() => ByteEquality.Hash(Document);
}

/// <summary><c>GetRandom { random }</c>.</summary>
/// <param name="Random">The random bytes (256 from a Nitro NSM and QEMU).</param>
public sealed record GetRandomResponse(ReadOnlyMemory<byte> Random) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => "GetRandom";

    /// <inheritdoc/>
    public bool Equals(GetRandomResponse? other) => other is not null && ByteEquality.Equal(Random, other.Random);

    /// <inheritdoc/>
    public override int GetHashCode() => ByteEquality.Hash(Random);
}

/// <summary><c>Error(ErrorCode)</c>: the NSM refused the request. The ioctl itself succeeded.</summary>
/// <param name="Code">The error code.</param>
public sealed record ErrorResponse(NsmErrorCode Code) : NsmResponse
{
    /// <inheritdoc/>
    public override string Name => NsmMessageNames.ErrorVariant;
}
