using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NsmDashboard.Kms;

/// <summary>
/// Makes the <c>Condition</c> block that pins chosen PCRs — enclave keys or NitroTPM keys as the evidence's platform
/// requires — with lower-case hex values under <c>StringEqualsIgnoreCase</c>, the operator AWS's examples use
/// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-nitro-enclave.html), and statements ready to paste.
/// </summary>
public static class KmsPolicyGenerator
{
    /// <summary>The condition operator: case-insensitive, so upper-case hex pasted later still matches.</summary>
    public const string Operator = "StringEqualsIgnoreCase";

    private static readonly int[] NitroTpmDefaults = [4, 12];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // The JSON is pasted into consoles and files, never into HTML: keep ':' and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The PCRs pinned when none are chosen. From measurements or explicit values: every PCR given. From a document:
    /// enclave PCR0, PCR1, PCR2 (image, kernel, application) and PCR8 when the image is signed; NitroTPM PCR4 and
    /// PCR12, which AWS names for standard boot (PCR7 for Secure Boot)
    /// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/prepare-attestation-service.html).
    /// </summary>
    public static IReadOnlyList<int> DefaultPcrs(AttestationEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Document is null)
        {
            return [.. evidence.Pcrs.Keys];
        }

        if (evidence.Kind == AttestationDocumentKind.NitroTpm)
        {
            return [.. NitroTpmDefaults.Where(evidence.Pcrs.ContainsKey)];
        }

        var pcrs = new List<int> { 0, 1, 2 };
        if (evidence.Pcrs.TryGetValue(8, out var pcr8) && pcr8.Span.ContainsAnyExcept((byte)0))
        {
            pcrs.Add(8);
        }

        return [.. pcrs.Where(evidence.Pcrs.ContainsKey)];
    }

    /// <summary>Makes the condition block and statements.</summary>
    /// <exception cref="KmsPolicyGenerationException">A chosen PCR is not in the evidence or has no key, or a value is debug-mode zeros.</exception>
    public static KmsPolicyGeneration Generate(AttestationEvidence evidence, KmsPolicyGenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        options ??= new KmsPolicyGenerationOptions();
        if (string.IsNullOrWhiteSpace(options.Principal))
        {
            throw new KmsPolicyGenerationException("The principal is empty; name the role of the parent instance (arn:aws:iam::ACCOUNT:role/NAME).");
        }

        var chosen = (options.Pcrs ?? DefaultPcrs(evidence)).Distinct().Order().ToList();
        if (chosen.Count == 0)
        {
            throw new KmsPolicyGenerationException("No PCR is chosen, and the source has none of the default ones.");
        }

        var count = AttestationConditionKey.PcrCount(evidence.Kind);
        var conditions = new List<KeyValuePair<AttestationConditionKey, string>>();
        foreach (var index in chosen)
        {
            if (index < 0 || index >= count)
            {
                throw new KmsPolicyGenerationException(string.Create(CultureInfo.InvariantCulture,
                    $"PCR{index} has no KMS condition key: {AttestationDocumentKinds.NameOf(evidence.Kind)} keys cover PCR0–PCR{count - 1}."));
            }

            if (!evidence.Pcrs.TryGetValue(index, out var value))
            {
                throw new KmsPolicyGenerationException(string.Create(CultureInfo.InvariantCulture,
                    $"PCR{index} is not in the {evidence.Source} (it has {string.Join(", ", evidence.Pcrs.Keys.Select(k => "PCR" + k.ToString(CultureInfo.InvariantCulture)))})."));
            }

            conditions.Add(new(AttestationConditionKey.ForPcr(evidence.Kind, index), Convert.ToHexStringLower(value.Span)));
        }

        var debugZeros = conditions
            .Where(c => c.Key.DocumentKind == AttestationDocumentKind.NitroEnclave && c.Key.PcrIndex <= 2 && !c.Value.AsSpan().ContainsAnyExcept('0'))
            .Select(c => c.Key.PcrLabel)
            .ToList();
        if (debugZeros.Count > 0 && !options.AllowDebugModeZeros)
        {
            throw new KmsPolicyGenerationException(
                $"{string.Join(", ", debugZeros)} {(debugZeros.Count == 1 ? "is" : "are")} all zeros: the source is a debug-mode enclave, and pinning zeros would admit every debug-mode enclave, "
                + "whatever image it runs (its console and memory are open to the parent). Generate from the release image's measurements instead.");
        }

        var conditionJson = Write(writer => WriteOperatorBlock(writer, conditions));
        var keyStatement = Write(writer => WriteStatement(writer, options.Sid, options.Principal, KmsOperations.KeyOperations, conditions));
        var iamStatement = Write(writer => WriteStatement(writer, options.Sid + "GenerateRandom", null, [KmsOperation.GenerateRandom], conditions));
        return new KmsPolicyGeneration(evidence, conditions, conditionJson, keyStatement, iamStatement, Notes(evidence, options, debugZeros.Count > 0));
    }

    private static void WriteCondition(Utf8JsonWriter writer, List<KeyValuePair<AttestationConditionKey, string>> conditions)
    {
        writer.WritePropertyName("Condition");
        WriteOperatorBlock(writer, conditions);
    }

    // {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "…", …}}
    private static void WriteOperatorBlock(Utf8JsonWriter writer, List<KeyValuePair<AttestationConditionKey, string>> conditions)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Operator);
        foreach (var (key, value) in conditions)
        {
            writer.WriteString(key.Name, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // principal null: an IAM identity-policy statement (no Principal; Resource "*" because GenerateRandom uses no key).
    private static void WriteStatement(Utf8JsonWriter writer, string sid, string? principal, IReadOnlyList<KmsOperation> operations, List<KeyValuePair<AttestationConditionKey, string>> conditions)
    {
        writer.WriteStartObject();
        writer.WriteString("Sid", sid);
        writer.WriteString("Effect", "Allow");
        if (principal is not null)
        {
            writer.WriteStartObject("Principal");
            writer.WriteString("AWS", principal);
            writer.WriteEndObject();
        }

        writer.WriteStartArray("Action");
        foreach (var operation in operations)
        {
            writer.WriteStringValue(operation.ActionName());
        }

        writer.WriteEndArray();
        writer.WriteString("Resource", "*");
        WriteCondition(writer, conditions);
        writer.WriteEndObject();
    }

    private static List<string> Notes(AttestationEvidence evidence, KmsPolicyGenerationOptions options, bool debugZeros)
    {
        var notes = new List<string>
        {
            "KMS allows a request when ANY statement allows it: remove every other statement (and IAM policy) that allows these operations to the same principal "
                + "without these conditions, or the gate is moot. `nsm kms-policy check` finds them.",
            "The conditions apply to Decrypt, DeriveSharedSecret, GenerateDataKey, GenerateDataKeyPair and GenerateRandom; GenerateRandom uses no key, "
                + "so its statement belongs in the role's IAM policy, not in the key policy.",
        };
        if (options.Principal == KmsPolicyGenerationOptions.PrincipalPlaceholder)
        {
            notes.Add("Replace the placeholder principal with the parent instance's role ARN.");
        }

        if (evidence.Kind == AttestationDocumentKind.NitroEnclave && !evidence.Pcrs.ContainsKey(8))
        {
            notes.Add("The image is not signed (no PCR8): any build that reproduces PCR0–PCR2 passes.");
        }

        if (debugZeros)
        {
            notes.Add("DEBUG MODE: these all-zero values admit every debug-mode enclave. Never use them for real secrets.");
        }

        return notes;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
