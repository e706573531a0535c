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
    private readonly Func<string, string?>? _readSecret;
    private readonly Func<CancellationToken>? _listenForStop;

    /// <summary>Creates a console over text readers and writers, and optionally byte streams.</summary>
    /// <param name="input">Standard input as text.</param>
    /// <param name="output">Standard output as text.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="openStandardInput">Opens standard input as bytes; null to read it through <paramref name="input"/> (text only).</param>
    /// <param name="openStandardOutput">Opens standard output as bytes; null when only text can be written.</param>
    /// <param name="readSecret">Prompts on a terminal and reads a line without echo; null when standard input is not a terminal.</param>
    /// <param name="listenForStop">Gives a token cancelled when the user asks a long-running command to stop (Ctrl+C, SIGTERM); null: never.</param>
    public CliConsole(
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<Stream>? openStandardInput = null,
        Func<Stream>? openStandardOutput = null,
        Func<string, string?>? readSecret = null,
        Func<CancellationToken>? listenForStop = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        In = input;
        Out = output;
        Error = error;
        _openStandardInput = openStandardInput;
        _openStandardOutput = openStandardOutput;
        _readSecret = readSecret;
        _listenForStop = listenForStop;
    }

    /// <summary>
    /// For commands that run until stopped (<c>audit pull --follow</c>): a token cancelled at Ctrl+C or SIGTERM, so the
    /// command ends between two writes instead of being killed in the middle of one. Other commands never ask, and
    /// Ctrl+C ends them as usual.
    /// </summary>
    public CancellationToken ListenForStop() => _listenForStop?.Invoke() ?? CancellationToken.None;

    /// <summary>Whether <see cref="ReadSecret"/> can prompt (standard input is a terminal).</summary>
    public bool CanPrompt => _readSecret is not null;

    /// <summary>Prompts and reads a line without echoing it; null at end of input.</summary>
    /// <exception cref="CliException">Standard input is not a terminal.</exception>
    public string? ReadSecret(string prompt) =>
        _readSecret is { } read ? read(prompt) : throw CliException.Usage("standard input is not a terminal; pipe the secret in with --stdin");

    /// <summary>Standard input as text.</summary>
    public TextReader In { get; }

    /// <summary>Standard output as text.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>The process's own standard streams.</summary>
    public static CliConsole FromProcess() =>
        new(Console.In, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput,
            Console.IsInputRedirected ? null : ReadWithoutEcho, Infrastructure.ProcessStop.Listen);

    // The prompt goes to standard error so that standard output carries only the result.
    private static string? ReadWithoutEcho(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return text.ToString();
                case ConsoleKey.Backspace:
                    if (text.Length > 0)
                    {
                        text.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0004' && text.Length == 0)
                    {
                        // Ctrl+D on an empty line: end of input.
                        Console.Error.WriteLine();
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        text.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }

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
