using System.Security.Cryptography;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// The trail file <c>nsm audit pull</c> appends to: opened for one writer, its existing lines verified first (nothing
/// is appended to a broken trail), an incomplete last line — a write interrupted by a crash — cut off, and every
/// appended batch flushed to disk. It also keeps a SHA-384 of every byte it holds, so that a following pull can read
/// the file back and notice when someone else (the parent is not trusted) changed what it wrote.
/// </summary>
internal sealed class PulledTrailFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly IncrementalHash _written;

    private PulledTrailFile(FileStream stream, string path, IncrementalHash written)
    {
        _stream = stream;
        Path = path;
        _written = written;
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

        var written = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
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
                written.AppendData(line.Span);
                written.AppendData("\n"u8);
            }

            stream.SetLength(complete);
            stream.Position = complete;
            return new PulledTrailFile(stream, path, written);
        }
        catch (InvalidDataException e)
        {
            written.Dispose();
            stream.Dispose();
            throw new CliException(ExitCode.Failure, $"{path}: {e.Message}; nothing is appended to it", e);
        }
        catch
        {
            written.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one verified line.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        _stream.Write(line);
        _stream.WriteByte((byte)'\n');
        _written.AppendData(line);
        _written.AppendData("\n"u8);
    }

    /// <summary>
    /// Reads the file back from disk as a stranger would: verifies it from its first line with a verifier of its own,
    /// and checks that it still holds exactly the bytes this pull wrote. Returns null when it does, else what is wrong.
    /// </summary>
    public string? Reverify(CheckpointVerifier checkpoints)
    {
        Commit();
        var expected = _written.GetCurrentHash();
        try
        {
            // Another handle, so the writer's position stays where it is; writers are shut out, the parent's tools are not.
            using var copy = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var actual = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
            var verifier = new TrailVerifier(checkpoints);
            var reader = new TrailLineReader(copy);
            while (reader.ReadLine() is { } line)
            {
                actual.AppendData(line.Span);
                if (!reader.EndedInsideLine)
                {
                    actual.AppendData("\n"u8);
                }

                if (!verifier.Feed(line.Span))
                {
                    var problem = verifier.Problem!;
                    return $"{problem.Kind} at record {problem.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, line {problem.Line}: {problem.Message}";
                }
            }

            if (reader.Position != _stream.Position || !actual.GetCurrentHash().AsSpan().SequenceEqual(expected))
            {
                return $"the file holds {reader.Position} bytes that verify, but not the {_stream.Position} bytes this pull wrote: it was changed or cut behind the pull's back";
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return $"the file cannot be read back: {e.Message}";
        }
    }

    /// <summary>Makes what was appended durable.</summary>
    public void Commit() => _stream.Flush(flushToDisk: true);

    public void Dispose()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        _written.Dispose();
    }
}
