using NsmDashboard.Cli.Tls;

namespace NsmDashboard.Cli.Output;

/// <summary><c>nsm verify-tls --json</c>: the connection, the certificate, the policy, the attestation verdict with every check, the binding checks, the verdict.</summary>
internal static class VerifyTlsJson
{
    public static void Write(TextWriter output, VerifyTlsReport report) =>
        JsonOutput.Write(output, writer =>
        {
            var exchange = report.Exchange;
            var connection = exchange.Connection;
            var certificate = connection.Certificate;
            writer.WriteStartObject();
            writer.WriteBoolean("verified", report.Verified);
            writer.WriteString("verdict", report.Verdict);
            writer.WriteString("server", exchange.Server.GetLeftPart(UriPartial.Authority));
            writer.WriteString("protocol", connection.Protocol);
            writer.WriteString("cipher_suite", connection.CipherSuite);
            writer.WriteString("alpn", connection.ApplicationProtocol);
            writer.WriteString("http_version", VerifyTlsText.HttpText(exchange.HttpVersion));
            writer.WriteStartObject("certificate");
            writer.WriteString("subject", certificate.Subject);
            writer.WriteTime("not_before", certificate.NotBefore.ToUniversalTime());
            writer.WriteTime("not_after", certificate.NotAfter.ToUniversalTime());
            writer.WriteNumber("age_seconds", (long)report.CertificateAge.TotalSeconds);
            writer.WriteString("sha256", report.Fingerprint.Sha256Colon);
            writer.WriteString("sha384", report.Fingerprint.Sha384Hex);
            writer.WriteString("spki_sha384", report.Fingerprint.SpkiSha384Hex);
            writer.WriteEndObject();
            writer.WriteStartObject("policy");
            writer.WriteBoolean("any_enclave", report.Policy.AnyEnclave);
            writer.WriteBoolean("allow_debug", report.Policy.AllowDebug);
            writer.WriteStartArray("expected_pcr_sets");
            foreach (var set in report.Policy.ExpectedPcrSets)
            {
                writer.WriteStartObject();
                writer.WriteString("name", set.Name);
                writer.WriteStartObject("pcrs");
                foreach (var (index, value) in set.Pcrs)
                {
                    writer.WriteHex(index.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Span);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteHex("nonce", report.Nonce);
            writer.WriteBoolean("nonce_given", report.NonceGiven);
            writer.WriteNumber("document_length", exchange.Document.Length);
            writer.WriteStartArray("binding");
            foreach (var check in report.Binding)
            {
                writer.WriteStartObject();
                writer.WriteString("id", check.Id);
                writer.WriteString("name", check.Name);
                writer.WriteString("status", check.Passed ? "passed" : "failed");
                writer.WriteString("evidence", check.Evidence);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (var warning in report.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("attestation");
            writer.WriteStartObject();
            VerifyJson.WriteResult(writer, report.Result, verdict: null);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
