using System.Net;
using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// Anonymous and Viewer attempts at every mutation fail (401/403), change nothing, and leave a Denied entry in the
/// audit trail; an Operator succeeds with a full record.
/// </summary>
public sealed class AuthorizationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Mutations => new()
    {
        { "/api/pcrs/16/extend", """{"data": "01"}""" },
        { "/api/pcrs/16/lock", "{}" },
        { "/api/pcrs/lock", """{"range": 17}""" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Anonymous_and_viewer_mutations_are_refused_change_nothing_and_are_audited(string path, string body)
    {
        // Arrange
        await using var api = new ApiFactory();
        using var anonymous = api.CreateAnonymousClient();
        using var viewer = api.CreateViewerClient();
        using var @operator = api.CreateClient();

        // Act
        var asAnonymous = await anonymous.PostRawAsync(path, body);
        var asViewer = await viewer.PostRawAsync(path, body);

        // Assert: refused with problems, PCR16 still zero and unlocked, two Denied entries naming who tried.
        await ApiAssert.ProblemAsync(asAnonymous, HttpStatusCode.Unauthorized, "Unauthorized");
        await ApiAssert.ProblemAsync(asViewer, HttpStatusCode.Forbidden, "Forbidden");
        var pcr = await ApiAssert.OkAsync(await @operator.GetAsync("/api/pcrs/16", Ct));
        Assert.False(pcr.GetProperty("locked").GetBoolean());
        Assert.Equal(ExpectedPcr.Zero, pcr.GetProperty("value").GetString());
        var entries = await AuditAsync(@operator, string.Empty);
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.Equal("Denied", e.GetProperty("outcome").GetString()));
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("user").ValueKind);
        Assert.Equal(TestIdentities.ViewerTokenName, entries[1].GetProperty("user").GetString());
        Assert.Equal("Viewer", entries[1].GetProperty("role").GetString());
        Assert.Contains("Operator role", entries[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_extend_is_audited_with_hash_length_values_and_the_data_only_when_asked()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();

        // Act
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "010203" }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/17/extend", new { data = "0405", recordData = true }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/18/lock", new { }));

        // Assert
        var entries = await AuditAsync(client, string.Empty);
        Assert.Equal(3, entries.Length);
        var first = entries[0];
        Assert.Equal("ExtendPcr", first.GetProperty("operation").GetString());
        Assert.Equal(16, first.GetProperty("argument").GetInt32());
        Assert.Equal("Succeeded", first.GetProperty("outcome").GetString());
        Assert.Equal(TestIdentities.OperatorTokenName, first.GetProperty("user").GetString());
        Assert.Equal("Operator", first.GetProperty("role").GetString());
        Assert.Equal("api", first.GetProperty("channel").GetString());
        Assert.Equal(3, first.GetProperty("dataLength").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(new byte[] { 1, 2, 3 })), first.GetProperty("dataSha384").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("data").ValueKind);
        Assert.Equal(ExpectedPcr.Zero, first.GetProperty("before")[0].GetProperty("value").GetString());
        Assert.Equal(ExpectedPcr.Extend(ExpectedPcr.Zero, [1, 2, 3]), first.GetProperty("after")[0].GetProperty("value").GetString());
        Assert.Equal("0405", entries[1].GetProperty("data").GetString());
        Assert.True(entries[2].GetProperty("after")[0].GetProperty("locked").GetBoolean());
        Assert.False(entries[2].GetProperty("before")[0].GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_viewer_may_attest_with_a_nonce_but_not_with_user_data_or_a_public_key()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var viewer = api.CreateViewerClient();

        // Act
        var withNonce = await viewer.PostJsonAsync("/api/attestation", new { nonce = "00112233" });
        var withUserData = await viewer.PostJsonAsync("/api/attestation", new { nonce = "00", userData = "01" });
        var withKey = await viewer.PostJsonAsync("/api/attestation", new { publicKey = "01" });

        // Assert
        await ApiAssert.OkAsync(withNonce);
        await ApiAssert.ProblemAsync(withUserData, HttpStatusCode.Forbidden, "Forbidden");
        await ApiAssert.ProblemAsync(withKey, HttpStatusCode.Forbidden, "Forbidden");
        using var @operator = api.CreateClient();
        var entries = await AuditAsync(@operator, "?operation=Attestation");
        // The two refusals (same viewer, same address, same operation, within the minute) are one counted entry.
        Assert.Equal(["Succeeded", "Denied"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal(2, entries[1].GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task The_audit_trail_filters_by_user_operation_and_time_and_exports_as_an_attachment()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        using var viewer = api.CreateViewerClient();
        await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        await viewer.PostJsonAsync("/api/pcrs/16/lock", new { });
        var start = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

        // Act
        var byViewer = await AuditAsync(client, $"?user={TestIdentities.ViewerTokenName}");
        var locks = await AuditAsync(client, "?operation=lockpcr");
        var inWindow = await AuditAsync(client, $"?from={Uri.EscapeDataString(start)}");
        var future = await AuditAsync(client, $"?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        var export = await client.GetAsync("/api/audit?download=true", Ct);
        var badOperation = await client.GetAsync("/api/audit?operation=Reboot", Ct);
        var badTime = await client.GetAsync("/api/audit?to=yesterday", Ct);
        // Culture-dependent forms are refused as everywhere else a time is read (ISO 8601 only).
        var cultureTime = await client.GetAsync("/api/audit?from=10%2F28%2F2021", Ct);
        var dateOnly = await AuditAsync(client, "?from=2021-10-28");

        // Assert
        Assert.Equal("LockPcr", Assert.Single(byViewer).GetProperty("operation").GetString());
        Assert.Equal("Denied", Assert.Single(locks).GetProperty("outcome").GetString());
        Assert.Equal(2, inWindow.Length);
        Assert.Empty(future);
        Assert.StartsWith("attachment;", export.Content.Headers.ContentDisposition?.ToString() ?? export.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        await ApiAssert.ProblemAsync(badOperation, HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(badTime, HttpStatusCode.BadRequest, "InvalidArgument");
        await ApiAssert.ProblemAsync(cultureTime, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal(2, dateOnly.Length);
    }

    [Fact]
    public async Task The_store_is_bounded_and_counts_what_it_dropped()
    {
        // Arrange
        await using var api = new ApiFactory().WithSetting("Audit:Capacity", "2");
        using var client = api.CreateClient();

        // Act
        for (var i = 0; i < 3; i++)
        {
            await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" });
        }

        var audit = await ApiAssert.OkAsync(await client.GetAsync("/api/audit", Ct));

        // Assert
        Assert.Equal(2, audit.GetProperty("capacity").GetInt32());
        Assert.Equal(1, audit.GetProperty("dropped").GetInt64());
        Assert.Equal([2L, 3L], audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_wrong_token_is_401_and_never_echoed()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "nsm_not-a-real-token-secret");

        // Act
        var response = await client.GetAsync("/api/pcrs", Ct);

        // Assert
        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.DoesNotContain("not-a-real-token-secret", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<JsonElement[]> AuditAsync(HttpClient client, string query)
    {
        var audit = await ApiAssert.OkAsync(await client.GetAsync("/api/audit" + query, Ct));
        return [.. audit.GetProperty("entries").EnumerateArray()];
    }
}
