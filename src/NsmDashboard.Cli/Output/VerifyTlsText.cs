using System.Globalization;

namespace NsmDashboard.Cli.Output;

/// <summary>The human-readable form of <c>nsm verify-tls</c>: the connection, the attestation checks, the binding checks, the verdict.</summary>
internal static class VerifyTlsText
{
    private const int Width = 12;

    public static void Write(TextWriter output, VerifyTlsReport report)
    {
        var exchange = report.Exchange;
        var certificate = exchange.Certificate;
        var result = report.Result;
        Field(output, "server", $"{exchange.Server.GetLeftPart(UriPartial.Authority)} ({exchange.Protocol}, {exchange.CipherSuite})");
        Field(output, "certificate", certificate.Subject);
        Field(output, "valid", $"{TextFormat.Time(certificate.NotBefore.ToUniversalTime())} to {TextFormat.Time(certificate.NotAfter.ToUniversalTime())}");
        Field(output, "cert sha384", report.CertificateSha384);
        Field(output, "spki sha384", report.SpkiSha384);
        Field(output, "nonce", $"{Convert.ToHexStringLower(report.Nonce)} ({(report.NonceGiven ? "given" : "fresh random")}, {report.Nonce.Length.ToString(CultureInfo.InvariantCulture)} bytes)");
        Field(output, "document", string.Create(CultureInfo.InvariantCulture, $"{exchange.Document.Length} bytes from /{Infrastructure.TlsAttestationExchange.Route}, over the same connection"));
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

        Field(output, "verdict", report.Verdict);
    }

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);
}
