using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Export;
using NsmDashboard.Evidence.Records;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Tests.Evidence;

/// <summary>
/// A stand-in dashboard on loopback HTTPS that serves the evidence routes as docs/audit-trail.md describes them —
/// <c>/api/attestation/tls</c>, <c>/api/{stream}/export</c>, <c>/api/{stream}/checkpoint</c> — over the Evidence
/// library and an NSM emulator, with knobs for what a hostile relay or a wrong server would do. (The real dashboard
/// is pulled from in NsmDashboard.Web.Api.Tests.)
/// </summary>
internal sealed class FakeDashboard : IAsyncDisposable
{
    private readonly NsmEmulator _emulator;
    private readonly NsmClient _client;
    private readonly string _token;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private WebApplication? _app;
    private X509Certificate2 _certificate;
    private int _port;

    public FakeDashboard(string token, int capacity = 1000, string? moduleId = null, string? certificateAuthorityDirectory = null)
    {
        _token = token;
        _capacity = capacity;
        _emulator = new NsmEmulator(new NsmEmulatorOptions { ModuleId = moduleId ?? NewModuleId(), CertificateAuthorityDirectory = certificateAuthorityDirectory });
        _client = new NsmClient(_emulator);
        _certificate = MakeCertificate();
        NewChains();
    }

    /// <summary>When set, checkpoints are attested by this module instead: another enclave under the same root.</summary>
    public NsmClient? CheckpointSigner { get; set; }

    public string Url => $"https://127.0.0.1:{_port}";

    public string RootPem => _emulator.CertificateAuthority.RootCertificate.ExportCertificatePem();

    public string ModuleId => _emulator.ModuleId;

    public EvidenceChain<AuditEvidence> Audit { get; private set; }

    public EvidenceChain<PcrExtendEvidence> EventLog { get; private set; }

    /// <summary>Changes each exported line (a relay that tampers).</summary>
    public Func<string, string>? TamperExport { get; set; }

    /// <summary>Signs checkpoints over this nonce instead of the caller's (a replayed or foreign document).</summary>
    public byte[]? ForcedNonce { get; set; }

    /// <summary>Attests this chain's head instead of its own (another dashboard's checkpoint).</summary>
    public EvidenceChain<AuditEvidence>? CheckpointOf { get; set; }

    /// <summary>Binds this certificate in the TLS attestation instead of the one it serves (a TLS-terminating relay).</summary>
    public X509Certificate2? BindInstead { get; set; }

    /// <summary>Requests that carried a bearer token, and requests that carried the right one.</summary>
    public int TokenRequests { get; private set; }

    /// <summary>Export requests, with their query strings.</summary>
    public List<string> Exports { get; } = [];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen => listen.UseHttps(_certificate)));
        var app = builder.Build();
        app.MapGet("/api/attestation/tls", TlsBinding);
        app.MapGet("/api/{stream}/export", ExportAsync);
        app.MapGet("/api/{stream}/checkpoint", Checkpoint);
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    /// <summary>Stops and starts again on the same port: a new process, so new chains and a new TLS certificate, in the same enclave.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _certificate.Dispose();
        _certificate = MakeCertificate();
        NewChains();
        await StartAsync();
    }

    public void AppendAudit(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var data = Encoding.UTF8.GetBytes($"record {Audit.Head.Sequence + 1}");
                Audit.Append(new AuditEvidence(DateTimeOffset.UtcNow, "ExtendPcr", "Succeeded", "api", "127.0.0.1:1") { User = "alice", Argument = 16, DataSha384 = Convert.ToHexStringLower(SHA384.HashData(data)), DataLength = data.Length, DataKept = true }, data);
            }
        }
    }

    /// <summary>An extend through the "dashboard": done on the emulator and logged.</summary>
    public void Extend(ushort index, string text)
    {
        lock (_gate)
        {
            var data = Encoding.UTF8.GetBytes(text);
            var before = _client.DescribePcrAsync(index).AsTask().GetAwaiter().GetResult().Data.ToArray();
            var after = _client.ExtendPcrAsync(index, data).AsTask().GetAwaiter().GetResult().ToArray();
            EventLog.Append(new PcrExtendEvidence(DateTimeOffset.UtcNow, index, Convert.ToHexStringLower(SHA384.HashData(data)), data.Length, false,
                before, after, "alice"), data);
        }
    }

    /// <summary>An extend behind the dashboard's back (another process with /dev/nsm).</summary>
    public void ExtendOutside(ushort index, string text) =>
        _client.ExtendPcrAsync(index, Encoding.UTF8.GetBytes(text)).AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _certificate.Dispose();
        BindInstead?.Dispose();
        _emulator.Dispose();
    }

    public static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var certificate = new CertificateRequest("CN=nsm-dashboard", key, HashAlgorithmName.SHA384)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the key in a form it can use on every platform: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public static string NewModuleId() =>
        $"i-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17]}-enc{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    private async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Audit), nameof(EventLog))]
    private void NewChains()
    {
        var start = DateTimeOffset.UtcNow;
        Audit = new EvidenceChain<AuditEvidence>(ChainGenesis.Create(EvidenceLog.Audit, ModuleId, start), new EvidenceChainOptions { Capacity = _capacity });
        EventLog = new EvidenceChain<PcrExtendEvidence>(ChainGenesis.Create(EvidenceLog.EventLog, ModuleId, start), new EvidenceChainOptions { Capacity = _capacity });
    }

    private bool Authorized(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            TokenRequests++;
        }

        return context.Request.Headers.Authorization == $"Bearer {_token}";
    }

    private IResult TlsBinding(string? nonce)
    {
        var certificate = BindInstead ?? _certificate;
        var document = _client.GetAttestationDocumentAsync(new AttestationRequest(
            UserData: SHA384.HashData(certificate.RawData),
            Nonce: Convert.FromHexString(nonce ?? string.Empty),
            PublicKey: certificate.PublicKey.ExportSubjectPublicKeyInfo())).AsTask().GetAwaiter().GetResult();
        return Results.Json(new Dictionary<string, string> { ["document"] = Convert.ToBase64String(document.Span) }, FakeJson.Default.DictionaryStringString);
    }

    private async Task ExportAsync(HttpContext context, string stream, long? after, string? chain)
    {
        if (!Authorized(context))
        {
            context.Response.StatusCode = 401;
            return;
        }

        Exports.Add(context.Request.QueryString.Value ?? string.Empty);
        var cursor = after ?? -1;
        context.Response.ContentType = "application/jsonl";
        using var buffer = new MemoryStream();
        if (stream == "audit")
        {
            await TrailExport.WriteAsync(Audit, chain is null || chain == Audit.Genesis.Hash.ToString() ? cursor : -1, buffer, []);
        }
        else
        {
            await TrailExport.WriteAsync(EventLog, chain is null || chain == EventLog.Genesis.Hash.ToString() ? cursor : -1, buffer, []);
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (TamperExport is { } tamper)
        {
            text = string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => tamper(l) + "\n"));
        }

        await context.Response.WriteAsync(text);
    }

    private IResult Checkpoint(HttpContext context, string stream, string nonce)
    {
        if (!Authorized(context))
        {
            return Results.StatusCode(401);
        }

        lock (_gate)
        {
            var nonceBytes = ForcedNonce ?? Convert.FromHexString(nonce);
            var head = stream == "audit" ? (CheckpointOf ?? Audit).Head : EventLog.Head;
            var pcrs = stream == "eventlog" ? ReadPcrs() : null;
            var checkpoint = NsmDashboard.Evidence.Checkpoints.Checkpoint.Of(head, pcrs);
            var document = (CheckpointSigner ?? _client).GetAttestationDocumentAsync(new AttestationRequest(UserData: checkpoint.Encode(), Nonce: nonceBytes)).AsTask().GetAwaiter().GetResult();
            // The attestation is audited, as every NSM request of the dashboard is.
            Audit.Append(new AuditEvidence(DateTimeOffset.UtcNow, "Attestation", "Succeeded", CheckpointCallers.ServerChannel, CheckpointCallers.Purpose(head.Stream)) { User = "dashboard", Role = "Operator" });
            var line = new CheckpointLine(checkpoint, document.ToArray(), nonceBytes, CheckpointLine.TakenOnRequest, pcrs);
            return Results.Text(Encoding.UTF8.GetString(CanonicalJson.Serialize(line.ToObject())), "application/json");
        }
    }

    private PcrTable ReadPcrs()
    {
        var entries = new List<PcrValueEvidence>();
        for (ushort i = 0; i < 32; i++)
        {
            var pcr = _client.DescribePcrAsync(i).AsTask().GetAwaiter().GetResult();
            entries.Add(new PcrValueEvidence(i, pcr.Lock, Convert.ToHexStringLower(pcr.Data.Span)));
        }

        return PcrTable.Create(entries);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class FakeJson : System.Text.Json.Serialization.JsonSerializerContext;
