using System.Buffers;

namespace NsmDashboard.Vsock;

/// <summary>
/// The pool the relay's direction buffers come from. Not <see cref="ArrayPool{T}.Shared"/>: a relay rents on one
/// thread-pool thread and returns on another, and the shared pool keeps returned arrays in per-thread slots, so
/// chatty connections (a buffer per message) missed it and allocated a fresh 64 KiB array now and then, measured
/// at ~300 bytes per round trip. This pool has no per-thread state: any thread gets back what any thread returned.
/// It keeps at most <see cref="ArraysKept"/> arrays of each size; bursts beyond that allocate and let the GC take
/// the surplus, so a spike of transfers does not pin its memory for the life of the process.
/// </summary>
internal static class RelayBuffers
{
    /// <summary>Buffers kept per size: enough for 32 connections moving data both ways at the same moment.</summary>
    public const int ArraysKept = 64;

    public static ArrayPool<byte> Pool { get; } = ArrayPool<byte>.Create(RelayOptions.MaxBufferSize, ArraysKept);
}
