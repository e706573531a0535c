using NsmDashboard.Kms;

namespace NsmDashboard.Cli.Output.Kms;

/// <summary><c>nsm kms-policy check --json</c>: the same reading as the text, for scripts.</summary>
internal static class KmsCheckJson
{
    public static void Write(TextWriter output, KeyPolicyCheck check) => JsonOutput.Write(output, writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("passed", check.Passed);
        writer.WriteBoolean("gateAdmitsDocument", check.GateAdmitsDocument);
        writer.WriteString("verdict", check.Verdict);
        writer.WriteString("caveat", KeyPolicyCheck.Caveat);
        writer.WriteStartObject("document");
        writer.WriteString("kind", check.Evidence.Kind.ToString());
        writer.WriteString("source", check.Evidence.Source);
        writer.WriteBoolean("debugMode", check.Evidence.IsDebugMode);
        writer.WriteEndObject();

        writer.WriteStartArray("operations");
        foreach (var verdict in check.Operations)
        {
            writer.WriteStartObject();
            writer.WriteString("operation", verdict.Operation.ActionName());
            writer.WriteString("withDocument", verdict.WithDocument.ToString());
            Strings(writer, "allowedBy", verdict.AllowedBy);
            Strings(writer, "deniedBy", verdict.DeniedBy);
            writer.WriteBoolean("admittedByAttestation", verdict.AdmittedByAttestation);
            writer.WriteString("withoutAttestation", verdict.WithoutAttestation.ToString());
            Strings(writer, "allowedWithoutAttestationBy", verdict.AllowedWithoutAttestationBy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("statements");
        foreach (var statement in check.Statements)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", statement.Statement.Index);
            if (statement.Statement.Sid is { } sid)
            {
                writer.WriteString("sid", sid);
            }

            writer.WriteString("effect", statement.Statement.Effect.ToString());
            Strings(writer, "operations", statement.Operations.Select(o => o.ActionName()));
            writer.WriteBoolean("appliesWithDocument", statement.AppliesWithDocument);
            writer.WriteBoolean("appliesWithoutAttestation", statement.AppliesWithoutAttestation);
            writer.WriteStartArray("conditions");
            foreach (var condition in statement.Conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("operator", condition.Condition.Operator.Written);
                writer.WriteString("key", condition.Condition.Key);
                Strings(writer, "values", condition.Condition.Values);
                writer.WriteString("withDocument", condition.WithDocument.ToString());
                writer.WriteString("withoutAttestation", condition.WithoutAttestation.ToString());
                if (condition.DocumentValue is { } value)
                {
                    writer.WriteString("documentValue", value);
                }

                writer.WriteString("explanation", condition.Explanation);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var finding in check.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("severity", finding.Severity.ToString());
            writer.WriteString("kind", finding.Kind.ToString());
            writer.WriteString("message", finding.Message);
            if (finding.StatementIndex is { } index)
            {
                writer.WriteNumber("statement", index);
            }

            if (finding.Path is { } path)
            {
                writer.WriteString("path", path);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void Strings(System.Text.Json.Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
