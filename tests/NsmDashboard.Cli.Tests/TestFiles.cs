namespace NsmDashboard.Cli.Tests;

/// <summary>Test data copied next to the test assembly, and scratch files that clean up after themselves.</summary>
internal static class TestFiles
{
    public const string Nitrite = "nitrite-2021-10-28-debug.cbor";
    public const string Evervault = "evervault-beta-2022-10-13-production.cbor";
    public const string AwsRootPem = "aws-nitro-enclaves-root-G1.pem";
    public const string NitroTpm = "nitrotpm-vaportpm-2026-02-02.cbor";
    public const string Indefinite2025 = "fastcrypto-2025-11-10-indefinite-pcr16.cbor";

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}

/// <summary>A temporary directory deleted at dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("nsm-cli-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
