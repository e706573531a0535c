namespace NsmDashboard.Cli.Output;

/// <summary><c>nsm verify-tls --json</c>: the connection, the attestation verdict with every check, the binding checks, the verdict.</summary>
internal static class VerifyTlsJson
{
    public static void Write(TextWriter output, VerifyTlsReport report) =>
        JsonOutput.Write(output, writer =>
        {
            var exchange = report.Exchange;
            var certificate = exchange.Certificate;
            writer.WriteStartObject();
            writer.WriteBoolean("verified", report.Verified);
            writer.WriteString("verdict", report.Verdict);
            writer.WriteString("server", exchange.Server.GetLeftPart(UriPartial.Authority));
            writer.WriteString("protocol", exchange.Protocol);
            writer.WriteString("cipher_suite", exchange.CipherSuite);
            writer.WriteStartObject("certificate");
            writer.WriteString("subject", certificate.Subject);
            writer.WriteTime("not_before", certificate.NotBefore.ToUniversalTime());
            writer.WriteTime("not_after", certificate.NotAfter.ToUniversalTime());
            writer.WriteString("sha384", report.CertificateSha384);
            writer.WriteString("spki_sha384", report.SpkiSha384);
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
            writer.WritePropertyName("attestation");
            writer.WriteStartObject();
            VerifyJson.WriteResult(writer, report.Result, verdict: null);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
