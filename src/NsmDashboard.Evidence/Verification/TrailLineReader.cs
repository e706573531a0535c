namespace NsmDashboard.Evidence.Verification;

/// <summary>
/// Splits a stream of trail lines at <c>\n</c>, as bytes (a trail is UTF-8; the parser checks it), never holding more
/// than one line. A line longer than <see cref="MaxLineBytes"/> is refused rather than buffered.
/// </summary>
public sealed class TrailLineReader
{
    /// <summary>The longest line accepted: far above any record (extend data is at most a few KiB).</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>A reader over a stream (not owned).</summary>
    public TrailLineReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Whether the stream ended after bytes that no <c>\n</c> closed (the last line returned, or an empty one).</summary>
    public bool EndedInsideLine { get; private set; }

    /// <summary>How many bytes the returned lines and their newlines took: where the next line starts.</summary>
    public long Position { get; private set; }

    /// <summary>The next line without its <c>\n</c>; null at the end. The memory is valid until the next call.</summary>
    /// <exception cref="InvalidDataException">A line is longer than <see cref="MaxLineBytes"/>.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, scanned + newline);
                _start += scanned + newline + 1;
                Position += line.Length + 1;
                return line;
            }

            scanned = _end - _start;
            if (_endOfStream)
            {
                if (scanned == 0)
                {
                    return null;
                }

                EndedInsideLine = true;
                var last = _buffer.AsMemory(_start, scanned);
                _start = _end;
                Position += last.Length;
                return last;
            }

            if (scanned > MaxLineBytes)
            {
                throw new InvalidDataException($"a line is longer than {MaxLineBytes} bytes");
            }

            Compact();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
        }
    }

    /// <summary>The next line, synchronously (files).</summary>
    public ReadOnlyMemory<byte>? ReadLine() => ReadLineAsync().AsTask().GetAwaiter().GetResult();

    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 2));
        }
    }
}
