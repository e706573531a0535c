using System.Text.Json;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary><c>nsm verify --json</c>: the verdict, the first failure, the root, every check and the certificate path.</summary>
internal static class VerifyJson
{
    public static void Write(TextWriter output, VerifyReport report) =>
        JsonOutput.Write(output, writer =>
        {
            var result = report.Result;
            writer.WriteStartObject();
            writer.WriteString("source", report.Source);
            writer.WriteString("input_format", report.InputFormat);
            writer.WriteNumber("length", report.Length);
            DocumentKindText.WriteJson(writer, result.Document);
            writer.WriteStartArray("warnings");
            foreach (var warning in report.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            WriteResult(writer, result, report.Verdict);
            writer.WriteString("validation_time_kind", VerifyReport.TimeKindName(report.ValidationTime.Kind));
            writer.WriteString("validation_time_reason", report.ValidationTime.Explanation);
            writer.WriteString("validation_advice", report.Advice);
            writer.WriteString("root_choice", report.RootChoice?.Explanation);
            writer.WriteEndObject();
        });

    /// <summary>The verifier's result as members of the current object: validity, failure, the verdict when given, root, checks, certificates.</summary>
    public static void WriteResult(Utf8JsonWriter writer, AttestationVerificationResult result, string? verdict)
    {
        writer.WriteBoolean("valid", result.IsValid);
        writer.WriteBoolean("rooted_in_aws", result.IsRootedInAws);
        writer.WriteString("failure", result.Failure.ToString());
        if (result.FirstFailure is { } failure)
        {
            writer.WriteStartObject("first_failure");
            WriteCheckSummary(writer, failure);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("first_failure");
        }

        if (verdict is not null)
        {
            writer.WriteString("verdict", verdict);
        }

        writer.WriteTime("validation_time", result.ValidationTime);
        writer.WriteStartObject("trust_root");
        writer.WriteString("kind", VerifyReport.RootKindName(result.TrustRoot.Kind));
        writer.WriteString("name", result.TrustRoot.Name);
        writer.WriteString("subject", result.TrustRoot.Subject);
        writer.WriteString("sha256", result.TrustRoot.Sha256);
        writer.WriteEndObject();

        writer.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            writer.WriteStartObject();
            WriteCheckSummary(writer, check);
            writer.WriteString("reference", check.Reference);
            writer.WriteStartArray("details");
            foreach (var detail in check.Details)
            {
                writer.WriteStartObject();
                writer.WriteString("label", detail.Label);
                writer.WriteString("value", detail.Value);
                if (detail.Ok is { } ok)
                {
                    writer.WriteBoolean("ok", ok);
                }
                else
                {
                    writer.WriteNull("ok");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("certificates");
        foreach (var certificate in result.Certificates)
        {
            WriteCertificate(writer, certificate);
        }

        writer.WriteEndArray();
    }

    private static void WriteCheckSummary(Utf8JsonWriter writer, AttestationCheck check)
    {
        writer.WriteString("id", check.Id.ToString());
        writer.WriteString("name", check.Name);
        writer.WriteString("status", VerifyReport.StatusName(check.Status));
        writer.WriteString("evidence", check.Evidence);
        if (check.Status == AttestationCheckStatus.Failed)
        {
            writer.WriteString("failure", check.Failure.ToString());
        }
    }

    private static void WriteCertificate(Utf8JsonWriter writer, AttestationCertificateInfo c)
    {
        writer.WriteStartObject();
        writer.WriteString("position", c.Label);
        writer.WriteString("role", c.Role.ToString().ToLowerInvariant());
        writer.WriteString("subject", c.Subject);
        writer.WriteString("issuer", c.Issuer);
        writer.WriteString("serial", c.SerialNumber.ToLowerInvariant());
        writer.WriteTime("not_before", c.NotBefore);
        writer.WriteTime("not_after", c.NotAfter);
        writer.WriteString("sha256", c.Sha256);
        writer.WriteNumber("length", c.DerLength);
        writer.WriteBoolean("ca", c.IsCertificateAuthority);
        if (c.PathLengthConstraint is { } length)
        {
            writer.WriteNumber("path_length", length);
        }
        else
        {
            writer.WriteNull("path_length");
        }

        writer.WriteString("key_usage", c.KeyUsage);
        writer.WriteString("public_key", c.PublicKey);
        writer.WriteString("signature_algorithm", c.SignatureAlgorithm);
        writer.WriteEndObject();
    }
}
