using NsmDashboard.Kms;

namespace NsmDashboard.Cli.Output.Kms;

/// <summary><c>nsm kms-policy generate --json</c>: the pinned values and the JSON to paste, as JSON objects.</summary>
internal static class KmsGenerateJson
{
    public static void Write(TextWriter output, KmsPolicyGeneration generation) => JsonOutput.Write(output, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", generation.Kind.ToString());
        writer.WriteString("source", generation.Evidence.Source);
        writer.WriteString("operator", KmsPolicyGenerator.Operator);
        writer.WriteStartArray("operations");
        foreach (var operation in KmsOperations.All)
        {
            writer.WriteStringValue(operation.ActionName());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("conditions");
        foreach (var (key, value) in generation.Conditions)
        {
            writer.WriteStartObject();
            writer.WriteString("key", key.Name);
            writer.WriteNumber("pcr", key.PcrIndex);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        // The generator's own JSON, embedded as values (it is valid JSON by construction).
        writer.WritePropertyName("condition");
        writer.WriteRawValue(generation.ConditionJson);
        writer.WritePropertyName("keyPolicyStatement");
        writer.WriteRawValue(generation.KeyPolicyStatementJson);
        writer.WritePropertyName("iamPolicyStatement");
        writer.WriteRawValue(generation.IamPolicyStatementJson);
        writer.WriteStartArray("notes");
        foreach (var note in generation.Notes)
        {
            writer.WriteStringValue(note);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
