namespace NsmDashboard.Cli;

/// <summary>
/// Where a command reads and writes. Text goes through <see cref="In"/>, <see cref="Out"/> and
/// <see cref="Error"/>, so tests capture it; the byte streams are for raw CBOR on standard input
/// (<c>decode -</c>, <c>verify -</c>) and standard output (<c>attest --format cbor</c>).
/// </summary>
internal sealed class CliConsole
{
    private readonly Func<Stream>? _openStandardInput;
    private readonly Func<Stream>? _openStandardOutput;

    /// <summary>Creates a console over text readers and writers, and optionally byte streams.</summary>
    /// <param name="input">Standard input as text.</param>
    /// <param name="output">Standard output as text.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="openStandardInput">Opens standard input as bytes; null to read it through <paramref name="input"/> (text only).</param>
    /// <param name="openStandardOutput">Opens standard output as bytes; null when only text can be written.</param>
    public CliConsole(
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<Stream>? openStandardInput = null,
        Func<Stream>? openStandardOutput = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        In = input;
        Out = output;
        Error = error;
        _openStandardInput = openStandardInput;
        _openStandardOutput = openStandardOutput;
    }

    /// <summary>Standard input as text.</summary>
    public TextReader In { get; }

    /// <summary>Standard output as text.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>The process's own standard streams.</summary>
    public static CliConsole FromProcess() =>
        new(Console.In, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput);

    /// <summary>
    /// Reads all of standard input as bytes. Without a byte stream the text reader is read and its
    /// characters encoded as UTF-8, which keeps base64 and hex intact (raw CBOR needs the byte stream).
    /// </summary>
    public byte[] ReadAllStandardInput()
    {
        if (_openStandardInput is null)
        {
            return System.Text.Encoding.UTF8.GetBytes(In.ReadToEnd());
        }

        using var stream = _openStandardInput();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes bytes to standard output unchanged.</summary>
    /// <exception cref="CliException">This console has no byte stream for standard output.</exception>
    public void WriteStandardOutput(ReadOnlySpan<byte> bytes)
    {
        if (_openStandardOutput is null)
        {
            throw CliException.Usage("binary output needs a real standard output; use --out FILE or --format base64");
        }

        // Text written earlier must come first.
        Out.Flush();
        using var stream = _openStandardOutput();
        stream.Write(bytes);
        stream.Flush();
    }
}
