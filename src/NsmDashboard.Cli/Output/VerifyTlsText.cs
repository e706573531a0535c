using System.Globalization;
using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// The human-readable form of <c>nsm verify-tls</c>: the connection, the served certificate (fingerprints as
/// browsers show them and as the dashboard shows them, its age), the policy, the attestation checks, the binding
/// checks, warnings, the verdict.
/// </summary>
internal static class VerifyTlsText
{
    private const int Width = 12;

    public static void Write(TextWriter output, VerifyTlsReport report)
    {
        var exchange = report.Exchange;
        var connection = exchange.Connection;
        var certificate = connection.Certificate;
        var result = report.Result;
        Field(output, "server", $"{exchange.Server.GetLeftPart(UriPartial.Authority)} ({connection.Protocol}, {connection.CipherSuite}, {HttpText(exchange.HttpVersion)})");
        Field(output, "certificate", certificate.Subject);
        Field(output, "valid", $"{TextFormat.Time(certificate.NotBefore.ToUniversalTime())} to {TextFormat.Time(certificate.NotAfter.ToUniversalTime())}");
        Field(output, "cert age", $"{VerifyTlsReport.AgeText(report.CertificateAge)}{(report.CertificateAge < TimeSpan.Zero ? " in the future" : string.Empty)}");
        Field(output, "cert sha256", report.Fingerprint.Sha256Colon);
        Field(output, "cert sha384", report.Fingerprint.Sha384Hex);
        Field(output, "spki sha384", report.Fingerprint.SpkiSha384Hex);
        Field(output, "policy", report.Policy.Description);
        Field(output, "nonce", $"{Convert.ToHexStringLower(report.Nonce)} ({(report.NonceGiven ? "given" : "fresh random")}, {report.Nonce.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
        Field(output, "document", string.Create(CultureInfo.InvariantCulture, $"{exchange.Document.Length} bytes from /{TlsAttestationExchange.Route}, over the same connection"));
        Field(output, "root", $"{result.TrustRoot.Name} ({VerifyReport.RootKindName(result.TrustRoot.Kind)}): {result.TrustRoot.Subject}");
        Field(output, "root sha256", result.TrustRoot.Sha256);
        Field(output, "time", TextFormat.Time(result.ValidationTime));
        output.WriteLine("checks");
        VerifyText.WriteChecks(output, result.Checks);
        output.WriteLine("binding");
        foreach (var check in report.Binding)
        {
            output.WriteLine($"  {(check.Passed ? "✓" : "✗")} {check.Name}: {check.Evidence}");
        }

        foreach (var warning in report.Warnings)
        {
            Field(output, "warning", warning);
        }

        Field(output, "verdict", report.Verdict);
    }

    /// <summary><c>HTTP/2</c> or <c>HTTP/1.1</c>.</summary>
    public static string HttpText(Version version) => version.Major >= 2 ? $"HTTP/{version.Major}" : $"HTTP/{version.Major}.{version.Minor}";

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);
}
