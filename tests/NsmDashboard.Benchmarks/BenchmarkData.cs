using System.Reflection;

namespace NsmDashboard.Benchmarks;

/// <summary>
/// The real attestation documents of tests/Shared/Vectors (linked into this assembly as resources, so
/// the processes BenchmarkDotNet generates find them wherever they run).
/// </summary>
internal static class BenchmarkData
{
    /// <summary>evervault's 2022 production document (definite-length payload).</summary>
    public static byte[] Evervault => Read("evervault-beta-2022-10-13-production.cbor");

    /// <summary>hf/nitrite's 2021 debug-mode document (empty public_key).</summary>
    public static byte[] Nitrite => Read("nitrite-2021-10-28-debug.cbor");

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NsmDashboard.Benchmarks.TestData." + name)
            ?? throw new InvalidOperationException($"The resource {name} is not embedded in the benchmarks assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
