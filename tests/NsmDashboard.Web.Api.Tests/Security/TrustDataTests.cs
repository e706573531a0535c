using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// Expected measurements and the imported event log decide what the dashboard calls a match: changing them needs the
/// Operator role, every change and refusal is in the audit trail with the data's SHA-384, and imports are bounded.
/// </summary>
public sealed class TrustDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewers_POST_to_measurements_is_403_changes_nothing_and_is_audited()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var viewer = api.CreateViewerClient();
        using var @operator = api.CreateClient();

        // Act
        var refused = await viewer.PostJsonAsync("/api/measurements", new { name = "release-42", nitroCli = AwsVectors.ReadText("build-enclave.json") });
        var deleteRefused = await viewer.DeleteAsync("/api/measurements/release-42", Ct);

        // Assert
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "Forbidden");
        await ApiAssert.ProblemAsync(deleteRefused, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Empty((await ApiAssert.OkAsync(await @operator.GetAsync("/api/measurements", Ct))).EnumerateArray());
        var entries = await AuditAsync(@operator);
        Assert.Equal(["AddMeasurements", "DeleteMeasurements"], entries.Select(e => e.GetProperty("operation").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("Denied", e.GetProperty("outcome").GetString());
            Assert.Equal(TestIdentities.ViewerTokenName, e.GetProperty("user").GetString());
            Assert.Contains("Operator role", e.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_operators_add_replace_and_delete_are_audited_with_the_datas_digest()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var json = AwsVectors.ReadText("build-enclave.json");
        var digest = Convert.ToHexStringLower(SHA384.HashData(Encoding.UTF8.GetBytes(json)));

        // Act
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "release-42", nitroCli = json }));
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/measurements", new { name = "Release-42", nitroCli = json }));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/measurements/release-42", Ct)).StatusCode);

        // Assert: who, what, and a digest an operator can check with sha384sum of the file.
        var entries = await AuditAsync(client);
        Assert.Equal(["AddMeasurements", "ReplaceMeasurements", "DeleteMeasurements"], entries.Select(e => e.GetProperty("operation").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("Succeeded", e.GetProperty("outcome").GetString());
            Assert.Equal(TestIdentities.OperatorTokenName, e.GetProperty("user").GetString());
            Assert.Equal(digest, e.GetProperty("dataSha384").GetString());
            Assert.Contains("PCR0, PCR1, PCR2", e.GetProperty("details").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(json.Length, entries[0].GetProperty("dataLength").GetInt32());
    }

    [Fact]
    public async Task An_event_log_import_needs_an_operator_and_is_audited_with_the_digest_of_the_json()
    {
        // Arrange: an export of a log with one extend.
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        using var viewer = api.CreateViewerClient();
        await ApiAssert.OkAsync(await client.PostJsonAsync("/api/pcrs/16/extend", new { data = "01" }));
        var export = await client.GetStringAsync(new Uri("/api/eventlog", UriKind.Relative), Ct);

        // Act
        var refused = await viewer.PostRawAsync("/api/eventlog/import", export);
        var imported = await client.PostRawAsync("/api/eventlog/import", export);

        // Assert
        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "Forbidden");
        await ApiAssert.OkAsync(imported);
        var entries = await AuditAsync(client, "?operation=ImportEventLog");
        Assert.Equal(["Denied", "Succeeded"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.Equal(Convert.ToHexStringLower(SHA384.HashData(Encoding.UTF8.GetBytes(export))), entries[1].GetProperty("dataSha384").GetString());
        Assert.Contains("1 entries, PCRs 16", entries[1].GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_longer_than_the_limit_is_refused_by_its_declared_length_before_it_is_read()
    {
        // Arrange: real Kestrel and a raw socket, so that nothing but the server decides what is read.
        await using var api = new ApiFactory().WithSetting("Nsm:EventLog:MaxImportBytes", "2048");
        api.UseKestrel(0);
        api.StartServer();
        using var socket = await ConnectAsync(api);

        // Act: the headers declare 4096 bytes; not one of them is sent.
        await SendAsync(socket, ImportHeaders("Content-Length: 4096"));
        var response = await ReadResponseAsync(socket);

        // Assert: the answer comes without the body, so it was decided from the header alone.
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("2048", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_without_a_declared_length_is_read_up_to_the_limit_and_no_further()
    {
        // Arrange
        await using var api = new ApiFactory().WithSetting("Nsm:EventLog:MaxImportBytes", "2048");
        api.UseKestrel(0);
        api.StartServer();
        using var socket = await ConnectAsync(api);

        // Act: a chunked body that would never end: "[0,0,0,…", sent until the server answers.
        await SendAsync(socket, ImportHeaders("Transfer-Encoding: chunked") + "1\r\n[\r\n");
        using var answered = new CancellationTokenSource();
        long sent = 0;
        var sending = Task.Run(
            async () =>
            {
                var chunk = Encoding.ASCII.GetBytes("400\r\n" + string.Concat(Enumerable.Repeat("0,", 512)) + "\r\n");
                try
                {
                    while (!answered.IsCancellationRequested && sent < 64L * 1024 * 1024)
                    {
                        await socket.SendAsync(chunk, System.Net.Sockets.SocketFlags.None, answered.Token);
                        sent += 1024;
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or System.Net.Sockets.SocketException)
                {
                    // The server answered and closed, or the test did.
                }
            },
            Ct);
        var response = await ReadResponseAsync(socket);
        await answered.CancelAsync();
        await sending;

        // Assert: refused after the limit, long before the 64 MiB the client was ready to send.
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.InRange(sent, 2048, 16L * 1024 * 1024);
    }

    [Fact]
    public async Task An_imported_entry_claiming_more_data_than_one_NSM_request_holds_is_refused()
    {
        // Arrange
        await using var api = new ApiFactory();
        using var client = api.CreateClient();
        var entry = new
        {
            sequence = 1,
            index = 16,
            dataSha384 = new string('0', 96),
            dataLength = 5000,
            before = new string('0', 96),
            after = new string('1', 96),
            user = "x",
            time = "2026-01-01T00:00:00Z",
        };

        // Act
        var response = await client.PostJsonAsync("/api/eventlog/import", new { entries = new[] { entry } });

        // Assert
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains("at most 4096 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement[]> AuditAsync(HttpClient client, string query = "")
    {
        var audit = await ApiAssert.OkAsync(await client.GetAsync("/api/audit" + query, Ct));
        return [.. audit.GetProperty("entries").EnumerateArray()];
    }

    private static string ImportHeaders(string lengthHeader) =>
        "POST /api/eventlog/import HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + $"Authorization: Bearer {TestIdentities.OperatorToken}\r\nContent-Type: application/json\r\n{lengthHeader}\r\n\r\n";

    private static async Task<System.Net.Sockets.Socket> ConnectAsync(ApiFactory api)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(api.KestrelAddress.Host, api.KestrelAddress.Port, Ct);
        return socket;
    }

    private static async Task SendAsync(System.Net.Sockets.Socket socket, string text) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), System.Net.Sockets.SocketFlags.None, Ct);

    // The status line and headers of the answer, and whatever of its body came with them.
    private static async Task<string> ReadResponseAsync(System.Net.Sockets.Socket socket)
    {
        var buffer = new byte[8192];
        int read = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
