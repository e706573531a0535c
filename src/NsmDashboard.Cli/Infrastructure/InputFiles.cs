namespace NsmDashboard.Cli.Infrastructure;

/// <summary>Reads and writes the files named on the command line; any failure is a usage error naming the option.</summary>
internal static class InputFiles
{
    /// <exception cref="CliException">The file cannot be read (exit 2).</exception>
    public static byte[] ReadAllBytes(string path, string option)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"{option} {path}: cannot read the file: {e.Message}", e);
        }
    }

    /// <exception cref="CliException">The file cannot be written (exit 2).</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string option)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
            stream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"{option} {path}: cannot write the file: {e.Message}", e);
        }
    }
}
