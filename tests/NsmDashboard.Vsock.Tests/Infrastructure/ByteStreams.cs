using System.Net.Sockets;
using System.Security.Cryptography;

namespace NsmDashboard.Vsock.Tests.Infrastructure;

/// <summary>Sending deterministic pseudo-random bytes and receiving to the end, each with its SHA-256.</summary>
internal static class ByteStreams
{
    public sealed record Received(long Count, byte[] Sha256);

    /// <summary>Sends <paramref name="count"/> bytes in chunks of up to <paramref name="chunk"/>; returns their SHA-256.</summary>
    public static async Task<byte[]> SendAsync(Socket socket, long count, int seed, int chunk = 32 * 1024, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var buffer = new byte[chunk];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long left = count;
        while (left > 0)
        {
            int size = (int)Math.Min(left, random.Next(1, chunk + 1));
            random.NextBytes(buffer.AsSpan(0, size));
            hash.AppendData(buffer, 0, size);
            await SendAllAsync(socket, buffer.AsMemory(0, size), cancellationToken);
            left -= size;
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Reads until the peer's FIN; returns the count and SHA-256 of everything read.</summary>
    public static async Task<Received> ReceiveToEndAsync(Socket socket, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        while (true)
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return new Received(total, hash.GetHashAndReset());
            }

            hash.AppendData(buffer, 0, read);
            total += read;
        }
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data, SocketFlags.None, cancellationToken)..];
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (fails on an early FIN).</summary>
    public static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, CancellationToken cancellationToken = default)
    {
        var data = new byte[count];
        int at = 0;
        while (at < count)
        {
            int read = await socket.ReceiveAsync(data.AsMemory(at), SocketFlags.None, cancellationToken);
            Assert.True(read > 0, $"the stream ended after {at} of {count} bytes");
            at += read;
        }

        return data;
    }

    public static byte[] Sha256Of(long count, int seed, int chunk = 32 * 1024)
    {
        // The same sequence SendAsync produces, hashed without sending.
        var random = new Random(seed);
        var buffer = new byte[chunk];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long left = count;
        while (left > 0)
        {
            int size = (int)Math.Min(left, random.Next(1, chunk + 1));
            random.NextBytes(buffer.AsSpan(0, size));
            hash.AppendData(buffer, 0, size);
            left -= size;
        }

        return hash.GetHashAndReset();
    }
}
