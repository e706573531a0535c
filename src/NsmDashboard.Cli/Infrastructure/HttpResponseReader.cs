using System.Globalization;
using System.Text;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>One HTTP/1.1 response: status, headers (names lowercase) and the body.</summary>
internal sealed record HttpResponse(int Status, string Reason, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The media type of the body, without parameters, or empty.</summary>
    public string MediaType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0].Trim() : string.Empty;
}

/// <summary>
/// Reads one HTTP/1.1 response from a stream: the status line, the headers, and a body framed by Content-Length,
/// by chunked transfer coding, or by the end of the connection. Enough HTTP for <c>verify-tls</c>, which must send
/// its request over the very TLS connection whose certificate it checks (an HttpClient would hide the connection).
/// </summary>
internal sealed class HttpResponseReader(Stream stream, int maxBytes)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private int _total;

    /// <exception cref="InvalidDataException">The bytes are not an HTTP/1.1 response, or it exceeds the limit.</exception>
    public async Task<HttpResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var statusLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("the server closed the connection without answering");
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException($"the answer is not HTTP/1.1: '{Shorten(statusLine)}'");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"malformed header line '{Shorten(line)}'");
            }

            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        byte[] body;
        if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("content-length", out var lengthText))
        {
            if (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > maxBytes)
            {
                throw new InvalidDataException($"Content-Length '{Shorten(lengthText)}' is not a length up to {maxBytes} bytes");
            }

            body = await ReadExactlyAsync(length, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = await ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return new HttpResponse(status, parts.Length > 2 ? parts[2] : string.Empty, headers, body);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException("the chunked body ended early");
            var sizeText = sizeLine.Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new InvalidDataException($"malformed chunk size '{Shorten(sizeLine)}'");
            }

            if (size == 0)
            {
                // Trailers, then the empty line.
                while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 })
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
            if (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is not { Length: 0 })
            {
                throw new InvalidDataException("a chunk is not followed by CRLF");
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var written = 0;
        while (written < count)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException($"the body ended after {written} of {count} bytes");
            }

            var take = Math.Min(count - written, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(written));
            _start += take;
            written += take;
        }

        return result;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(cancellationToken).ConfigureAwait(false));
        return body.ToArray();
    }

    // A line ending in CRLF (or LF), as Latin-1 text; null at the end of the stream before any byte of it.
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.Length == 0 ? null : throw new InvalidDataException("the connection closed in the middle of a line");
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            if (line.Length > 16 * 1024)
            {
                throw new InvalidDataException("a header line is longer than 16 KiB");
            }

            if (newline >= 0)
            {
                _start = newline + 1;
                return line.ToString().TrimEnd('\r');
            }

            _start = _end;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        _total += _end;
        if (_total > maxBytes)
        {
            throw new InvalidDataException($"the answer is larger than {maxBytes} bytes");
        }

        return _end > 0;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");
}
