using System.Text;

namespace NsmDashboard.Cli.Tests;

/// <summary>The outcome of one in-process <c>nsm</c> run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr, byte[] BinaryStdout)
{
    /// <summary>Standard output split into lines (without the final empty one).</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.None) is var lines && lines[^1].Length == 0 ? lines[..^1] : lines;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>Runs <c>nsm</c> in process through <see cref="CliApp"/>, capturing every stream.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args) => RunWithInput(string.Empty, args);

    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var binary = new MemoryStream();
        var console = new CliConsole(
            new StringReader(stdin),
            output,
            error,
            () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)),
            () => new NonClosingStream(binary));
        var code = CliApp.Run(args, console);
        return new CliResult(code, output.ToString(), error.ToString(), binary.ToArray());
    }

    /// <summary>Runs with raw bytes on standard input (for <c>decode -</c> and <c>verify -</c>).</summary>
    public static CliResult RunWithBytes(byte[] stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(string.Empty), output, error, () => new MemoryStream(stdin));
        var code = CliApp.Run(args, console);
        return new CliResult(code, output.ToString(), error.ToString(), []);
    }

    /// <summary>Runs through the four-argument entry point (text streams only).</summary>
    public static CliResult RunText(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new StringReader(stdin), output, error);
        return new CliResult(code, output.ToString(), error.ToString(), []);
    }

    /// <summary>Emulator arguments with a fixed module id, followed by <paramref name="args"/>.</summary>
    public static CliResult Emulator(params string[] args) =>
        Run(["--emulator", "--module-id", ModuleId, .. args]);

    /// <summary>Emulator arguments, standard input text, then <paramref name="args"/>.</summary>
    public static CliResult EmulatorWithInput(string stdin, params string[] args) =>
        RunWithInput(stdin, ["--emulator", "--module-id", ModuleId, .. args]);

    /// <summary>The module id of the real DescribeNSM in docs/nsm-messages.md#responses.</summary>
    public const string ModuleId = "i-00c89f181802cdef4-enc0175cd0dcee36866";

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
