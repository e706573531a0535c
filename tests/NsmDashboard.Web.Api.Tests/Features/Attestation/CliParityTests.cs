extern alias cli;

using System.Text.Json;
using NsmDashboard.Attestation;
using cli::NsmDashboard.Cli;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Features.Attestation;

/// <summary>
/// <c>nsm verify --json</c> and <c>POST /api/attestation/verify</c> give the same verdict, validation time and root for
/// the same document: one validation-time default and one trust-root choice (the attestation library's), whatever the
/// surface. The dashboard here runs on the emulator, so it trusts the emulator's root beside AWS's.
/// </summary>
public sealed class CliParityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?> Cases => new()
    {
        { AwsVectors.NitriteFile, null },
        { AwsVectors.EvervaultFile, null },
        { AwsVectors.NitriteFile, "document" },
        { AwsVectors.EvervaultFile, "document" },
        { AwsVectors.NitriteFile, "2021-10-28T17:44:14Z" },
        { AwsVectors.FastcryptoFile, "document" },
        { AwsVectors.TpmFile, "document" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_CLI_and_the_API_give_the_same_verdict_time_and_root(string file, string? at)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var before = DateTimeOffset.UtcNow;

        // Act
        var viaApi = await ApiAssert.OkAsync(await client.PostJsonAsync(
            "/api/attestation/verify", at is null ? new { document = Convert.ToBase64String(AwsVectors.Read(file)) } : new { document = Convert.ToBase64String(AwsVectors.Read(file)), at }));
        var viaCli = RunCli(["verify", AwsVectors.Path(file), "--json", .. at is null ? Array.Empty<string>() : ["--at", at]]);
        var after = DateTimeOffset.UtcNow;

        // Assert: the verdict
        Assert.Equal(viaApi.GetProperty("valid").GetBoolean(), viaCli.GetProperty("valid").GetBoolean());
        Assert.Equal(viaApi.GetProperty("failure").GetString(), viaCli.GetProperty("failure").GetString());
        Assert.Equal(viaApi.GetProperty("rootedInAws").GetBoolean(), viaCli.GetProperty("rooted_in_aws").GetBoolean());
        Assert.Equal(viaApi.GetProperty("trustRoot").GetProperty("sha256").GetString(), viaCli.GetProperty("trust_root").GetProperty("sha256").GetString());
        Assert.Equal(viaApi.GetProperty("rootChoice").GetString(), viaCli.GetProperty("root_choice").GetString());

        // …and the validation time: the same instant when it is the document's or a given one, "now" in both otherwise
        var apiTime = viaApi.GetProperty("validationTime").GetDateTimeOffset();
        var cliTime = viaCli.GetProperty("validation_time").GetDateTimeOffset();
        Assert.Equal(viaApi.GetProperty("validationTimeReason").GetString(), viaCli.GetProperty("validation_time_reason").GetString());
        if (at is null)
        {
            Assert.Equal("Now", viaApi.GetProperty("validationTimeKind").GetString());
            Assert.Equal("now", viaCli.GetProperty("validation_time_kind").GetString());
            Assert.InRange(apiTime, before.AddSeconds(-1), after.AddSeconds(1));
            Assert.InRange(cliTime, before.AddSeconds(-1), after.AddSeconds(1));
            // The same advice, each naming its own "now" (the two ran a few milliseconds apart); the CLI adds its command.
            var apiAdvice = viaApi.GetProperty("validationAdvice").GetString()!.Replace(AttestationValidationTime.Utc(apiTime), "<now>", StringComparison.Ordinal);
            var cliAdvice = viaCli.GetProperty("validation_advice").GetString()!.Replace(AttestationValidationTime.Utc(cliTime), "<now>", StringComparison.Ordinal);
            Assert.Contains("<now>", apiAdvice, StringComparison.Ordinal);
            Assert.StartsWith(apiAdvice, cliAdvice, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(apiTime, cliTime);
        }
    }

    private static JsonElement RunCli(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, new StringReader(string.Empty), output, error);
        Assert.True(exit is 0 or 1, $"nsm {string.Join(' ', args)} exited {exit}: {error}");
        using var json = JsonDocument.Parse(output.ToString());
        return json.RootElement.Clone();
    }
}
