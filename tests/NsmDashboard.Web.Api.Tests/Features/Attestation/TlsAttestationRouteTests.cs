using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Api.Tests.Infrastructure;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Api.Tests.Features.Attestation;

public sealed class TlsAttestationRouteTests
{
    private const string Nonce = "00112233445566778899aabbccddeeff";

    private static readonly Dictionary<string, string?> TlsOn = new() { ["NsmDashboard:Tls:Mode"] = "on" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_document_binds_the_served_certificate_and_verifies_against_the_emulator_root()
    {
        // Arrange
        await using var api = new ApiFactory(settings: TlsOn);
        using var client = api.CreateClient();
        var identity = api.Services.GetRequiredService<DashboardTls>().Identity!;

        // Act
        var answer = await ApiAssert.OkAsync(await client.GetAsync($"/api/attestation/tls?nonce={Nonce}", Ct));

        // Assert: the same shape as POST /api/attestation, and its own verdict.
        Assert.Equal(["document", "decoded", "verification"], ApiAssert.MemberNames(answer));
        Assert.True(answer.GetProperty("verification").GetProperty("valid").GetBoolean());

        // An independent verifier pinned to the emulator's root, expecting the nonce…
        var document = Convert.FromBase64String(answer.GetProperty("document").GetString()!);
        var verifier = new AttestationVerifier(new AttestationVerifierOptions
        {
            TrustRoot = AttestationTrustRoot.Emulator(api.Emulator.CertificateAuthority.RootCertificate),
            Policy = new AttestationPolicy { ExpectedNonce = Convert.FromHexString(Nonce) },
        });
        var result = verifier.Verify(document);
        Assert.True(result.IsValid, result.ToString());

        // …and the binding, computed here from the certificate itself.
        var decoded = result.Document!;
        Assert.True(decoded.PublicKey.TryGetBytes(out var publicKey));
        Assert.Equal(identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), publicKey.ToArray());
        Assert.True(decoded.UserData.TryGetBytes(out var userData));
        Assert.Equal(SHA384.HashData(identity.Certificate.RawData), userData.ToArray());
    }

    [Fact]
    public async Task The_request_goes_through_the_single_gated_path_and_is_recorded()
    {
        // Arrange
        var sink = new RecordingSink();
        await using var api = new ApiFactory(settings: TlsOn, configureServices: s => s.AddSingleton<INsmOperationSink>(sink));
        using var client = api.CreateClient();

        // Act
        await ApiAssert.OkAsync(await client.GetAsync($"/api/attestation/tls?nonce={Nonce}", Ct));

        // Assert
        var record = Assert.Single(sink.Records);
        Assert.Equal(NsmOperationKind.Attestation, record.Operation);
        Assert.Equal(NsmOperationOutcome.Succeeded, record.Outcome);
        // On the dashboard's own account (anyone may ask for this binding), with who asked kept as the address.
        Assert.Equal(NsmCaller.Server("tls-binding"), record.Caller with { Address = null });
        Assert.False(string.IsNullOrEmpty(record.Caller.Address));
    }

    [Theory]
    [InlineData("", "Give a fresh random nonce")]
    [InlineData("?nonce=", "Give a fresh random nonce")]
    [InlineData("?nonce=xyz", "\"nonce\" is not hex")]
    [InlineData("?nonce=abc", "\"nonce\" is not hex")]
    public async Task A_missing_or_malformed_nonce_is_400_InvalidArgument(string query, string detail)
    {
        await using var api = new ApiFactory(settings: TlsOn);
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(
            await client.GetAsync("/api/attestation/tls" + query, Ct), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nonce_over_512_bytes_is_400_InvalidArgument()
    {
        await using var api = new ApiFactory(settings: TlsOn);
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(
            await client.GetAsync("/api/attestation/tls?nonce=" + new string('a', 2 * 513), Ct), HttpStatusCode.BadRequest, "InvalidArgument");

        Assert.Contains("513 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_TLS_there_is_nothing_to_bind_404_TlsDisabled()
    {
        var sink = new RecordingSink();
        await using var api = new ApiFactory(configureServices: s => s.AddSingleton<INsmOperationSink>(sink));
        using var client = api.CreateClient();

        var problem = await ApiAssert.ProblemAsync(
            await client.GetAsync($"/api/attestation/tls?nonce={Nonce}", Ct), HttpStatusCode.NotFound, TlsAttestationEndpoints.TlsDisabledCode);

        Assert.Contains("--https-port", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(sink.Records);
    }

    [Fact]
    public async Task The_route_is_named_and_anonymous_so_a_client_can_check_the_server_before_signing_in()
    {
        await using var api = new ApiFactory(settings: TlsOn);
        _ = api.CreateClient();

        var endpoint = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == TlsAttestationEndpoints.Route);

        Assert.Equal(TlsAttestationEndpoints.EndpointName, endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
        Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
    }

    private sealed class RecordingSink : INsmOperationSink
    {
        private readonly ConcurrentQueue<NsmOperationRecord> _records = new();

        public IReadOnlyList<NsmOperationRecord> Records => [.. _records];

        public void Record(NsmOperationRecord record) => _records.Enqueue(record);
    }
}
