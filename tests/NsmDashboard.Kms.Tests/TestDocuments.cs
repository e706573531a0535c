using NsmDashboard.Attestation;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Kms.Tests;

/// <summary>Real AWS documents (tests/Shared/Vectors) and emulator documents made here.</summary>
internal static class TestDocuments
{
    /// <summary>A production enclave (evervault, 2022): PCR0/1/2/8 non-zero, public_key null.</summary>
    public static AttestationDocument Evervault { get; } = Load(AwsVectors.EvervaultFile);

    /// <summary>A debug-mode enclave (nitrite, 2021): PCR0/1/2 all zeros.</summary>
    public static AttestationDocument Nitrite { get; } = Load(AwsVectors.NitriteFile);

    /// <summary>A NitroTPM instance (lockboot/vaportpm, 2026): 24 nitrotpm_pcrs, an EC public_key (not usable as a Recipient).</summary>
    public static AttestationDocument VaporTpm { get; } = Load(AwsVectors.TpmFile);

    public static AttestationEvidence VaporTpmEvidence => AttestationEvidence.FromDocument(VaporTpm);

    public static AttestationEvidence EvervaultEvidence => AttestationEvidence.FromDocument(Evervault);

    public static AttestationEvidence NitriteEvidence => AttestationEvidence.FromDocument(Nitrite);

    /// <summary>The hex of one of evervault's PCRs, as KMS would have it.</summary>
    public static string EvervaultPcr(int index) => Convert.ToHexStringLower(Evervault.Pcrs![index].Span);

    public static AttestationDocument Load(string name) =>
        AttestationDocument.Decode(AwsVectors.Read(name));

    /// <summary>An emulator document carrying <paramref name="publicKey"/>.</summary>
    public static async Task<AttestationDocument> EmulatorAsync(ReadOnlyMemory<byte>? publicKey)
    {
        using var emulator = new NsmEmulator();
        var client = new NsmClient(emulator);
        var bytes = await client.GetAttestationDocumentAsync(new AttestationRequest(PublicKey: publicKey), TestContext.Current.CancellationToken);
        return AttestationDocument.Decode(bytes.Span);
    }
}

/// <summary>Key policies built as text, the way people paste them.</summary>
internal static class Policies
{
    public const string Role = "arn:aws:iam::111122223333:role/enclave-host";

    /// <summary>A policy with the given statements (JSON objects as text).</summary>
    public static string Of(params string[] statements) =>
        $$"""{"Version": "2012-10-17", "Statement": [{{string.Join(",\n", statements)}}]}""";

    /// <summary>An Allow of Decrypt for <see cref="Role"/> under one condition block.</summary>
    public static string Allow(string condition, string action = "\"kms:Decrypt\"", string principal = $$"""{"AWS": "{{Role}}"}""", string sid = "Enclave") =>
        $$"""{"Sid": "{{sid}}", "Effect": "Allow", "Principal": {{principal}}, "Action": {{action}}, "Resource": "*", "Condition": {{condition}}}""";

    /// <summary>An Allow without conditions.</summary>
    public static string Unconditional(string action = "\"kms:Decrypt\"", string principal = $$"""{"AWS": "{{Role}}"}""", string sid = "Open") =>
        $$"""{"Sid": "{{sid}}", "Effect": "Allow", "Principal": {{principal}}, "Action": {{action}}, "Resource": "*"}""";

    /// <summary><c>{"StringEqualsIgnoreCase": {"kms:RecipientAttestation:PCR0": "…"}}</c> with evervault's PCR0.</summary>
    public static string Pcr0(string op = "StringEqualsIgnoreCase", string? value = null, string key = "kms:RecipientAttestation:PCR0") =>
        $$"""{"{{op}}": {"{{key}}": "{{value ?? TestDocuments.EvervaultPcr(0)}}"} }""";
}

internal static class Findings
{
    public static KeyPolicyFinding Single(KeyPolicyCheck check, KeyPolicyFindingKind kind) =>
        Assert.Single(check.Findings, f => f.Kind == kind);

    public static void None(KeyPolicyCheck check, KeyPolicyFindingKind kind) =>
        Assert.DoesNotContain(check.Findings, f => f.Kind == kind);

    public static IEnumerable<KeyPolicyFinding> Errors(KeyPolicyCheck check) => check.Findings.Where(f => f.Severity == FindingSeverity.Error);
}
