using NsmDashboard.Nsm;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Tests.Hosting;

public sealed class ValidateNsmDashboardOptionsTests
{
    private static IEnumerable<string> Failures(NsmDashboardOptions options) =>
        new ValidateNsmDashboardOptions().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid()
    {
        var result = new ValidateNsmDashboardOptions().Validate(null, new NsmDashboardOptions());
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        // Arrange
        var options = new NsmDashboardOptions
        {
            Mode = (NsmMode)42,
            DevicePath = "dev/nsm",
            Emulator = new NsmEmulatorSettings { MeasurementsFile = "/nonexistent/measurements.json" },
        };

        // Act
        var failures = Failures(options).ToArray();

        // Assert
        Assert.Contains(failures, f => f.StartsWith("Nsm:Mode", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Nsm:DevicePath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Nsm:Emulator:MeasurementsFile", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ModuleId", "not-a-module-id")]
    [InlineData("InstanceId", "i-XYZ")]
    [InlineData("IamRoleArn", "arn:aws:s3:::bucket")]
    public void Emulator_identifiers_are_checked_with_the_emulator_rules(string setting, string value)
    {
        // Arrange
        var emulator = new NsmEmulatorSettings();
        typeof(NsmEmulatorSettings).GetProperty(setting)!.SetValue(emulator, value);

        // Act
        var failure = Assert.Single(Failures(new NsmDashboardOptions { Emulator = emulator }));

        // Assert
        Assert.StartsWith($"Nsm:Emulator:{setting}:", failure, StringComparison.Ordinal);
        Assert.Contains(value, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_measurements_file_that_is_not_nitro_cli_output_is_refused_with_the_reason()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"measurements-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"Measurements": {"PCR0": "00"}}""");
        try
        {
            // Act
            var failure = Assert.Single(Failures(new NsmDashboardOptions { Emulator = new NsmEmulatorSettings { MeasurementsFile = path } }));

            // Assert
            Assert.StartsWith("Nsm:Emulator:MeasurementsFile", failure, StringComparison.Ordinal);
            Assert.Contains("cannot be used", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
