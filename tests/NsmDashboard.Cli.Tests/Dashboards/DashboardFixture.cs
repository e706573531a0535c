using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NsmDashboard.Credentials;

namespace NsmDashboard.Cli.Tests.Dashboards;

/// <summary>
/// Real dashboards on the emulator, sharing one emulator root (as enclaves share AWS's): <see cref="Release"/> runs
/// the image of <see cref="ReleaseMeasurements"/>; <see cref="Debug"/> runs in debug mode (PCR0–2 zero);
/// <see cref="Other"/> runs another image (<see cref="OtherMeasurements"/>). Started once for the test collection.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private InProcessDashboard? _release;
    private InProcessDashboard? _debug;
    private InProcessDashboard? _other;

    public DashboardFixture()
    {
        CaDirectory = Directory.CreateDirectory(_directory.File("ca")).FullName;
        ReleaseMeasurements = _directory.Write("release.json", MeasurementsJson(0x42));
        OtherMeasurements = _directory.Write("other.json", MeasurementsJson(0x17));
    }

    /// <summary>The emulator CA directory every dashboard here uses: pin it with <c>--emulator-root</c>.</summary>
    public string CaDirectory { get; }

    /// <summary>nitro-cli's JSON for the release image.</summary>
    public string ReleaseMeasurements { get; }

    /// <summary>nitro-cli's JSON for another image.</summary>
    public string OtherMeasurements { get; }

    internal InProcessDashboard Release => _release ?? throw new InvalidOperationException("not started");

    internal InProcessDashboard Debug => _debug ?? throw new InvalidOperationException("not started");

    internal InProcessDashboard Other => _other ?? throw new InvalidOperationException("not started");

    /// <summary>An Operator's API token on the release dashboards (bearer only: API tokens sign no browser in).</summary>
    public string OperatorToken { get; } = CredentialHash.NewToken();

    /// <summary>An Operator user on the release dashboards, as whom a browser signs in on the login form.</summary>
    public const string OperatorUser = "olivia";

    /// <summary>That user's password.</summary>
    public const string OperatorPassword = "correct horse battery staple";

    // PBKDF2 at 600 000 iterations is slow on purpose: hash once per test process.
    private static readonly Lazy<string> OperatorPasswordHash = new(() => CredentialHash.HashPassword(OperatorPassword));

    /// <summary>PCR0 of the release image, as hex.</summary>
    public static string ReleasePcr0 => Pcr(0x42, 0);

    public async ValueTask InitializeAsync()
    {
        // One after another: the first creates the emulator root in the directory, the others load it.
        _release = await StartReleaseAsync();
        _debug = await InProcessDashboard.StartAsync(CaDirectory, new Dictionary<string, string?>
        {
            ["Nsm:Emulator:MeasurementsFile"] = ReleaseMeasurements,
            ["Nsm:Emulator:DebugMode"] = "true",
        });
        _other = await InProcessDashboard.StartAsync(CaDirectory, new Dictionary<string, string?> { ["Nsm:Emulator:MeasurementsFile"] = OtherMeasurements });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dashboard in new[] { _release, _debug, _other })
        {
            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
            }
        }

        _directory.Dispose();
    }

    /// <summary>A start of a dashboard of the release image (a restart: same image, new key).</summary>
    internal Task<InProcessDashboard> StartReleaseAsync() =>
        InProcessDashboard.StartAsync(CaDirectory, new Dictionary<string, string?>
        {
            ["Nsm:Emulator:MeasurementsFile"] = ReleaseMeasurements,
            ["Auth:ApiTokens:0:Name"] = "ops",
            ["Auth:ApiTokens:0:Role"] = "Operator",
            ["Auth:ApiTokens:0:TokenHash"] = CredentialHash.HashToken(OperatorToken),
            ["Auth:Users:0:Name"] = OperatorUser,
            ["Auth:Users:0:Role"] = "Operator",
            ["Auth:Users:0:PasswordHash"] = OperatorPasswordHash.Value,
        });

    /// <summary>A certificate like the dashboard's (same subject), with another key: what a man in the middle serves.</summary>
    internal static X509Certificate2 ForgedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=nsm-dashboard", key, HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    internal static string Pcr(byte image, int index) =>
        Convert.ToHexStringLower([.. Enumerable.Repeat(image, 47), (byte)index]);

    private static string MeasurementsJson(byte image) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"Measurements":{"HashAlgorithm":"Sha384 { ... }","PCR0":"{{{Pcr(image, 0)}}}","PCR1":"{{{Pcr(image, 1)}}}","PCR2":"{{{Pcr(image, 2)}}}"}}""");
}

[CollectionDefinition(Name)]
public sealed class RealDashboards : ICollectionFixture<DashboardFixture>
{
    public const string Name = "real dashboards";
}
