namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Files under Emulator/TestData, copied next to the test assembly.</summary>
internal static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Emulator", "TestData", name);

    public static string Read(string name) => File.ReadAllText(Path(name));
}
