using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// The trail file <c>nsm audit pull</c> appends to: opened for one writer, its existing lines verified first (nothing
/// is appended to a broken trail), an incomplete last line — a write interrupted by a crash — cut off, and every
/// appended batch flushed to disk.
/// </summary>
internal sealed class PulledTrailFile : IDisposable
{
    private readonly FileStream _stream;

    private PulledTrailFile(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (or creates) the file and feeds its lines to <paramref name="verifier"/>.</summary>
    /// <exception cref="CliException">The file cannot be opened (exit 2), or it is broken (exit 1).</exception>
    public static PulledTrailFile Open(string path, TrailVerifier verifier, TextWriter error)
    {
        FileStream stream;
        try
        {
            // One writer at a time: two pullers appending to one file would interleave lines.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"--out {path}: cannot open the file for appending (is another pull writing it?): {e.Message}", e);
        }

        try
        {
            var reader = new TrailLineReader(stream);
            long complete = 0;
            while (reader.ReadLine() is { } line)
            {
                if (reader.EndedInsideLine)
                {
                    error.WriteLine($"nsm: {path}: the last line was never finished (an interrupted write); cut it off and pull it again");
                    break;
                }

                if (!verifier.Feed(line.Span))
                {
                    throw new CliException(ExitCode.Failure,
                        $"{path} is broken ({verifier.Problem!.Kind} at record {verifier.Problem.Sequence}, line {verifier.Problem.Line}: {verifier.Problem.Message}); nothing is appended to it. Keep it as evidence and pull into a new file.");
                }

                complete = reader.Position;
            }

            stream.SetLength(complete);
            stream.Position = complete;
            return new PulledTrailFile(stream, path);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new CliException(ExitCode.Failure, $"{path}: {e.Message}; nothing is appended to it", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one verified line.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.WriteByte((byte)'\n');
    }

    /// <summary>Makes what was appended durable.</summary>
    public void Commit() => _stream.Flush(flushToDisk: true);

    public void Dispose()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
    }
}
