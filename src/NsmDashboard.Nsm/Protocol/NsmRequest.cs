namespace NsmDashboard.Nsm.Protocol;

/// <summary>
/// A request to the NSM: one record per variant of <c>aws_nitro_enclaves_nsm_api::api::Request</c>
/// (docs/nsm-messages.md#requests). Byte fields are not copied; records compare them by value.
/// </summary>
public abstract record NsmRequest
{
    private protected NsmRequest()
    {
    }

    /// <summary>The variant name, as written on the wire.</summary>
    public abstract string Name { get; }
}

/// <summary><c>DescribePCR { index }</c>: read one PCR and its lock state.</summary>
/// <param name="Index">The PCR index (0 to 31 on a Nitro NSM).</param>
public sealed record DescribePcrRequest(ushort Index) : NsmRequest
{
    /// <inheritdoc/>
    public override string Name => "DescribePCR";
}

/// <summary><c>ExtendPCR { index, data }</c>: PCR ← SHA-384(PCR ‖ data).</summary>
/// <param name="Index">The PCR index.</param>
/// <param name="Data">The bytes to extend with.</param>
public sealed record ExtendPcrRequest(ushort Index, ReadOnlyMemory<byte> Data) : NsmRequest
{
    /// <inheritdoc/>
    public override string Name => "ExtendPCR";

    /// <inheritdoc/>
    public bool Equals(ExtendPcrRequest? other) =>
        other is not null && Index == other.Index && ByteEquality.Equal(Data, other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, ByteEquality.Hash(Data));
}

/// <summary><c>LockPCR { index }</c>: make one PCR read-only for the life of the enclave.</summary>
/// <param name="Index">The PCR index.</param>
public sealed record LockPcrRequest(ushort Index) : NsmRequest
{
    /// <inheritdoc/>
    public override string Name => "LockPCR";
}

/// <summary><c>LockPCRs { range }</c>: lock PCRs <c>[0, range)</c>.</summary>
/// <param name="Range">One past the last PCR index to lock.</param>
public sealed record LockPcrsRequest(ushort Range) : NsmRequest
{
    /// <inheritdoc/>
    public override string Name => "LockPCRs";
}

/// <summary><c>DescribeNSM</c>: the module's version, id, PCR count, locked set and digest.</summary>
public sealed record DescribeNsmRequest : NsmRequest
{
    /// <summary>The only value of this request.</summary>
    public static DescribeNsmRequest Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "DescribeNSM";
}

/// <summary><c>Attestation { user_data, nonce, public_key }</c>: ask for a signed attestation document.</summary>
/// <param name="UserData">Optional application data (null is written as CBOR null).</param>
/// <param name="Nonce">Optional caller nonce.</param>
/// <param name="PublicKey">Optional public key to bind into the document.</param>
public sealed record AttestationRequest(
    ReadOnlyMemory<byte>? UserData = null,
    ReadOnlyMemory<byte>? Nonce = null,
    ReadOnlyMemory<byte>? PublicKey = null) : NsmRequest
{
    /// <inheritdoc/>
    public override string Name => "Attestation";

    /// <inheritdoc/>
    public bool Equals(AttestationRequest? other) =>
        other is not null
        && ByteEquality.Equal(UserData, other.UserData)
        && ByteEquality.Equal(Nonce, other.Nonce)
        && ByteEquality.Equal(PublicKey, other.PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(ByteEquality.Hash(UserData), ByteEquality.Hash(Nonce), ByteEquality.Hash(PublicKey));
}

/// <summary><c>GetRandom</c>: 256 bytes from the NSM's random source.</summary>
public sealed record GetRandomRequest : NsmRequest
{
    /// <summary>The only value of this request.</summary>
    public static GetRandomRequest Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "GetRandom";
}
