using System.Globalization;

namespace NsmDashboard.Kms;

/// <summary>
/// Reads condition key names. Key names are compared without regard to case, as IAM does
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html); anything that
/// looks meant for attestation but is not a documented key is <see cref="ConditionKeyClass.UnknownAttestation"/>,
/// with the reason and, when it can be told, the key it probably meant.
/// </summary>
public static class ConditionKeyClassifier
{
    private const string LowerPrefix = "kms:recipientattestation:";

    /// <summary>Classifies one key name.</summary>
    public static ConditionKeyClassification Classify(string written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var lower = written.ToLowerInvariant();
        if (lower.StartsWith(LowerPrefix, StringComparison.Ordinal))
        {
            var rest = lower[LowerPrefix.Length..];
            if (TryParseSuffix(rest, out var key, out var problem))
            {
                return new(written, ConditionKeyClass.Attestation, key, null, null);
            }

            return new(written, ConditionKeyClass.UnknownAttestation, null, problem, Suggest(rest));
        }

        if (!LooksLikeAttestation(lower))
        {
            return new(written, ConditionKeyClass.Other, null, null, null);
        }

        // "kms:RecipientAttestation" alone, a misspelt prefix, a missing "kms:", another service's prefix.
        var compact = Compact(lower);
        var at = compact.IndexOf("recipientattestation", StringComparison.Ordinal);
        var suggestion = Suggest(at >= 0 ? compact[(at + "recipientattestation".Length)..] : compact);
        var problem2 = lower == LowerPrefix.TrimEnd(':')
            ? "there is no key 'kms:RecipientAttestation' on its own: a key names one measurement, e.g. kms:RecipientAttestation:ImageSha384 or kms:RecipientAttestation:PCR0"
            : $"not a KMS attestation key: documented keys start with '{AttestationConditionKey.Prefix}'";
        return new(written, ConditionKeyClass.UnknownAttestation, null, problem2, suggestion);
    }

    private static bool TryParseSuffix(string rest, out AttestationConditionKey? key, out string? problem)
    {
        key = null;
        problem = null;
        if (rest == "imagesha384")
        {
            key = AttestationConditionKey.ImageSha384;
            return true;
        }

        if (TryIndex(rest, "nitrotpmpcr", out var tpmIndex, out var tpmDigits))
        {
            return Resolve(AttestationDocumentKind.NitroTpm, tpmIndex, tpmDigits, out key, out problem);
        }

        if (TryIndex(rest, "pcr", out var index, out var digits))
        {
            return Resolve(AttestationDocumentKind.NitroEnclave, index, digits, out key, out problem);
        }

        problem = rest.Length == 0
            ? "the key names no measurement: add ImageSha384, PCR<n> (enclave) or NitroTPMPCR<n> (NitroTPM)"
            : $"'{rest}' is not a documented measurement: the keys are ImageSha384, PCR0–PCR31 (Nitro Enclaves) and NitroTPMPCR0–NitroTPMPCR23 (NitroTPM)";
        return false;
    }

    private static bool Resolve(AttestationDocumentKind platform, long index, string digits, out AttestationConditionKey? key, out string? problem)
    {
        key = null;
        var count = AttestationConditionKey.PcrCount(platform);
        var family = platform == AttestationDocumentKind.NitroTpm ? "NitroTPMPCR" : "PCR";
        var range = platform == AttestationDocumentKind.NitroTpm ? "NitroTPM has PCR0–PCR23" : "Nitro Enclaves have PCR0–PCR31";
        if (digits.Length > 1 && digits[0] == '0')
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"'{family}{digits}' is not a key: PCR numbers are written without leading zeros ({family}{index})");
            return false;
        }

        if (index >= count)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{family}{digits} does not exist: {range}");
            return false;
        }

        key = AttestationConditionKey.ForPcr(platform, (int)index);
        problem = null;
        return true;
    }

    // "pcr12" → 12; digits must follow the family name directly and end the key.
    private static bool TryIndex(string rest, string family, out long index, out string digits)
    {
        index = -1;
        digits = string.Empty;
        if (!rest.StartsWith(family, StringComparison.Ordinal) || rest.Length == family.Length || rest.Length > family.Length + 9)
        {
            return false;
        }

        digits = rest[family.Length..];
        return digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    // The documented key a garbled name most likely meant: "pcr_0", "PCR[0]", "imagesha-384", "nitrotpm:pcr4".
    private static AttestationConditionKey? Suggest(string rest)
    {
        var compact = Compact(rest);
        if (compact.Contains("imagesha", StringComparison.Ordinal))
        {
            return AttestationConditionKey.ImageSha384;
        }

        var tpm = compact.IndexOf("tpm", StringComparison.Ordinal);
        if (tpm >= 0)
        {
            return Number(compact[tpm..]) is { } n && n < AttestationConditionKey.NitroTpmPcrCount ? AttestationConditionKey.NitroTpmPcr(n) : null;
        }

        var pcr = compact.IndexOf("pcr", StringComparison.Ordinal);
        if (pcr >= 0)
        {
            return Number(compact[(pcr + 3)..]) is { } n && n < AttestationConditionKey.EnclavePcrCount ? AttestationConditionKey.EnclavePcr(n) : null;
        }

        return null;
    }

    // The first run of digits, when it is short enough to be a PCR number.
    private static int? Number(string text)
    {
        var digits = new string(text.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 3 ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : null;
    }

    private static bool LooksLikeAttestation(string lower) =>
        lower.Contains("attestation", StringComparison.Ordinal)
        || lower.Contains("imagesha", StringComparison.Ordinal)
        || lower.Contains("nitrotpm", StringComparison.Ordinal)
        || (lower.StartsWith("kms:", StringComparison.Ordinal) && lower.Contains("pcr", StringComparison.Ordinal));

    private static string Compact(string lower) => new(lower.Where(char.IsAsciiLetterOrDigit).ToArray());
}
