using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Hosting.Api;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>Turns a <see cref="VerifyBody"/> into document bytes and <see cref="InspectOptions"/>, or a 400 problem saying which member is wrong.</summary>
internal static class VerifyInput
{
    /// <summary>The name of the set given as bare <c>{"0": "…"}</c> members of <c>expectedPcrs</c>.</summary>
    public const string UnnamedSetName = "expectedPcrs";

    public static bool TryParse(
        VerifyBody body,
        AttestationService attestation,
        out ReadOnlyMemory<byte> document,
        [NotNullWhen(true)] out InspectOptions? options,
        [NotNullWhen(false)] out ProblemDetails? problem)
    {
        document = default;
        options = null;
        if (string.IsNullOrWhiteSpace(body.Document))
        {
            problem = ApiProblems.InvalidArgument("Give the document: {\"document\": \"<base64 or hex>\"}.");
            return false;
        }

        try
        {
            document = AttestationInput.Parse(body.Document).Document;
        }
        catch (AttestationInputException e)
        {
            problem = ApiProblems.InvalidArgument($"\"document\" is neither base64 nor hex: {e.Message}");
            return false;
        }

        // expectedPcrs address the PCRs of "kind" when given, else of the document's own kind.
        var documentKind = AttestationDocument.TryDecode(document.Span, out var decoded, out _) ? decoded.Kind : null;
        if (!TryParseRoot(body.Root, attestation, out var root, out problem)
            || !TryParseKind(body.Kind, out var expectedKind, out problem)
            || !TryParsePolicy(body, expectedKind, expectedKind ?? documentKind ?? AttestationDocumentKind.NitroEnclave, out var policy, out problem))
        {
            return false;
        }

        options = new InspectOptions { TrustRoot = root, Policy = policy };
        return TryApplyTime(body.At, document, ref options, out problem);
    }

    private static bool TryApplyTime(string? at, ReadOnlyMemory<byte> document, ref InspectOptions options, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        problem = null;
        switch (at?.Trim().ToLowerInvariant())
        {
            case null or "" or "now":
                return true;
            case "document":
                if (AttestationDocument.TryDecode(document.Span, out var decoded, out _) && decoded.Timestamp is not null)
                {
                    options = options with { AtDocumentTime = true };
                    return true;
                }

                problem = ApiProblems.InvalidArgument("\"at\" is \"document\", but the document has no readable timestamp; give a time or \"now\".");
                return false;
            case "auto":
                // The dashboard used to pick the document's own time for an expired document; it checks at the current
                // time now, as the CLI does, so that both give the same verdict (docs/attestation-verification.md#validation-time).
                problem = ApiProblems.InvalidArgument("\"at\": \"auto\" is gone: the default is now (leave \"at\" out); give \"document\" to check the document at its own timestamp.");
                return false;
        }

        if (AttestationValidationTime.TryParseTime(at, out var time))
        {
            options = options with { ValidationTime = time };
            return true;
        }

        problem = ApiProblems.InvalidArgument($"\"at\" is {ApiInput.Quote(at!)}: give an ISO 8601 time (2021-10-28T17:02:02Z), \"now\" or \"document\".");
        return false;
    }

    private static bool TryParseRoot(string? text, AttestationService attestation, out AttestationTrustRoot? root, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        root = null;
        problem = null;
        switch (text?.Trim())
        {
            case null or "":
                return true;
            case var name when name.Equals("aws", StringComparison.OrdinalIgnoreCase):
                root = AttestationTrustRoot.Aws;
                return true;
            case var name when name.Equals("emulator", StringComparison.OrdinalIgnoreCase):
                root = attestation.AvailableRoots.FirstOrDefault(r => r.Kind == AttestationTrustRootKind.Emulator);
                if (root is null)
                {
                    problem = ApiProblems.InvalidArgument("\"root\" is \"emulator\", but this dashboard runs on the NSM device; give the emulator's root certificate as PEM.");
                }

                return root is not null;
            case var pem when pem.Contains("-----BEGIN", StringComparison.Ordinal):
                try
                {
                    root = AttestationTrustRoot.FromPem(pem);
                    return true;
                }
                catch (AttestationTrustRootException e)
                {
                    problem = ApiProblems.InvalidArgument($"\"root\": {e.Message}");
                    return false;
                }

            default:
                problem = ApiProblems.InvalidArgument($"\"root\" is {ApiInput.Quote(text!)}: give \"aws\", \"emulator\" or a PEM certificate.");
                return false;
        }
    }

    private static bool TryParseKind(string? text, out AttestationDocumentKind? kind, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        problem = null;
        kind = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return true;
            case "enclave" or "nitroenclave":
                kind = AttestationDocumentKind.NitroEnclave;
                return true;
            case "nitrotpm" or "tpm":
                kind = AttestationDocumentKind.NitroTpm;
                return true;
            default:
                problem = ApiProblems.InvalidArgument($"\"kind\" is {ApiInput.Quote(text!)}: give \"enclave\" or \"nitrotpm\".");
                return false;
        }
    }

    private static bool TryParsePolicy(
        VerifyBody body,
        AttestationDocumentKind? expectedKind,
        AttestationDocumentKind pcrKind,
        out AttestationPolicy? policy,
        [NotNullWhen(false)] out ProblemDetails? problem)
    {
        policy = null;
        if (!ApiInput.TryParseOptionalHex("expectedNonce", body.ExpectedNonce, out var nonce, out problem)
            || !TryParseExpectedPcrs(body.ExpectedPcrs, pcrKind, out var sets, out problem))
        {
            return false;
        }

        if (nonce is not null || sets.Count > 0 || expectedKind is not null)
        {
            policy = new AttestationPolicy { ExpectedKind = expectedKind, ExpectedPcrSets = sets, ExpectedNonce = nonce is null ? (ReadOnlyMemory<byte>?)null : nonce };
        }

        return true;
    }

    /// <summary><c>{"0": "hex"}</c> members form one set; object members are named sets of their own.</summary>
    private static bool TryParseExpectedPcrs(
        Dictionary<string, JsonElement>? members, AttestationDocumentKind kind, out List<ExpectedPcrSet> sets, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        sets = [];
        problem = null;
        if (members is null)
        {
            return true;
        }

        var unnamed = new List<KeyValuePair<string, JsonElement>>();
        foreach (var member in members)
        {
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.String:
                    unnamed.Add(member);
                    break;
                case JsonValueKind.Object:
                    if (!TryCreateSet(member.Key, kind, member.Value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)), $"expectedPcrs.{member.Key}", out var set, out problem))
                    {
                        return false;
                    }

                    sets.Add(set);
                    break;
                default:
                    problem = ApiProblems.InvalidArgument($"\"expectedPcrs.{member.Key}\" must be a hex string (one PCR) or an object (a named set of PCRs).");
                    return false;
            }
        }

        if (unnamed.Count > 0)
        {
            if (!TryCreateSet(UnnamedSetName, kind, unnamed, "expectedPcrs", out var set, out problem))
            {
                return false;
            }

            sets.Insert(0, set);
        }

        return true;
    }

    // The members must be strings; what they say is read by the attestation library's one expected-PCR parser.
    private static bool TryCreateSet(
        string name,
        AttestationDocumentKind kind,
        IEnumerable<KeyValuePair<string, JsonElement>> members,
        string path,
        [NotNullWhen(true)] out ExpectedPcrSet? set,
        [NotNullWhen(false)] out ProblemDetails? problem)
    {
        set = null;
        var pcrs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in members)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                problem = ApiProblems.InvalidArgument($"\"{path}.{key}\" must be a hex string.");
                return false;
            }

            string hex;
            try
            {
                hex = ApiInput.ReadJsonText($"{path}.{key}", value);
            }
            catch (FormatException e)
            {
                problem = ApiProblems.InvalidArgument(e.Message);
                return false;
            }

            pcrs.Add(new(key, hex));
        }

        try
        {
            set = ExpectedPcrSet.Parse(name, kind, pcrs);
            problem = null;
            return true;
        }
        catch (ExpectedPcrSetFormatException e)
        {
            problem = ApiProblems.InvalidArgument($"\"{path}\": {e.Message}");
            return false;
        }
    }
}
