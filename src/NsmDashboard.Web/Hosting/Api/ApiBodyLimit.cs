using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace NsmDashboard.Web.Hosting.Api;

/// <summary>
/// Endpoint metadata for a route whose body may be larger than <see cref="ApiLimits.MaxRequestBodyBytes"/> (an event
/// log import): <see cref="ApiProblemMiddleware"/> then allows <see cref="MaxBytes"/>, still refuses a larger
/// Content-Length before reading, and leaves a body without one to the route, which reads it with
/// <see cref="ReadAsync"/> and stops at the limit.
/// </summary>
/// <param name="MaxBytes">The most bytes the route reads.</param>
public sealed record ApiBodyLimit(long MaxBytes)
{
    /// <summary>
    /// Reads a body (or an uploaded file) into memory, at most <paramref name="maxBytes"/> of it, hashing it with
    /// SHA-384 on the way; returns null as soon as it proves longer, having held no more than the limit.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Data, string Sha384)?> ReadAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
        var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
                hash.AppendData(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's MaxRequestBodySize, which the middleware set to the same limit.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The limit that applies to this request's body.</summary>
    internal static long For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ApiBodyLimit>()?.MaxBytes ?? ApiLimits.MaxRequestBodyBytes;

    /// <summary>Whether this request's route reads its own body (then a chunked body is not buffered first).</summary>
    internal static bool ReadByRoute(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ApiBodyLimit>() is not null;
}
