using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>The human-readable form of <c>nsm decode</c>: one field per line, PCRs and certificates indented below.</summary>
internal static class DecodeText
{
    private const int Width = 12;

    public static void Write(TextWriter output, DecodedDocument view)
    {
        var d = view.Document;
        Field(output, "source", view.Source);
        Field(output, "input", Invariant($"{view.InputFormat}, {d.Encoded.Length} bytes"));
        Field(output, "sha256", view.Sha256);
        Field(output, "kind", DocumentKindText.Of(d));
        Field(output, "envelope", Invariant($"COSE_Sign1, {(d.IsTagged ? "tagged (18)" : "untagged")}, {(d.IsEnvelopeIndefinite ? "indefinite" : "definite")} array"));
        Field(output, "protected", Invariant($"{Hex(d.RawProtectedHeader)}  alg {DecodedDocument.AlgorithmText(d.Algorithm)}"));
        Field(output, "unprotected", Invariant($"{Hex(d.RawUnprotectedHeader)}  ({d.UnprotectedHeaderCount} entries)"));
        Field(output, "payload", Invariant($"{d.RawPayload.Length} bytes, {(d.IsPayloadMapIndefinite ? "indefinite" : "definite")} map, keys: {string.Join(", ", d.PayloadKeys)}"));
        Field(output, "signature", Invariant($"{d.Signature.Length} bytes  {Hex(d.Signature)}"));

        Field(output, AttestationPayloadKeys.ModuleId, Mandatory(d, AttestationPayloadKeys.ModuleId, d.ModuleId));
        Field(output, AttestationPayloadKeys.Digest, Mandatory(d, AttestationPayloadKeys.Digest, d.Digest));
        Field(output, AttestationPayloadKeys.Timestamp, Mandatory(d, AttestationPayloadKeys.Timestamp, TimestampText(d)));
        // The PCR map(s) the payload has: pcrs for an enclave, nitrotpm_pcrs for a NitroTPM (both when the kind is undecided).
        foreach (var key in AttestationPayloadKeys.PcrMaps)
        {
            var pcrs = key == AttestationPayloadKeys.Pcrs ? d.Pcrs : d.NitroTpmPcrs;
            if (key == AttestationPayloadKeys.NitroTpmPcrs && d.GetPresence(key) == AttestationFieldPresence.Absent)
            {
                continue;
            }

            if (key == AttestationPayloadKeys.Pcrs && d.Kind == AttestationDocumentKind.NitroTpm)
            {
                continue;
            }

            Field(output, key, Mandatory(d, key, pcrs is { } p ? Invariant($"{p.Count} entries") : null));
            foreach (var (index, value) in pcrs ?? new Dictionary<int, ReadOnlyMemory<byte>>())
            {
                output.WriteLine(Invariant($"  {"PCR" + index.ToString(CultureInfo.InvariantCulture),-5}  {Hex(value)}"));
            }
        }

        Field(output, AttestationPayloadKeys.Certificate, Mandatory(d, AttestationPayloadKeys.Certificate, d.Certificate is { } c ? Invariant($"{c.Length} bytes") : null));
        Field(output, AttestationPayloadKeys.CaBundle, Mandatory(d, AttestationPayloadKeys.CaBundle, d.CaBundle is { } b ? Invariant($"{b.Count} entries, root first") : null));
        Field(output, AttestationPayloadKeys.PublicKey, DocumentText.Optional(d.PublicKey));
        Field(output, AttestationPayloadKeys.UserData, DocumentText.Optional(d.UserData));
        Field(output, AttestationPayloadKeys.Nonce, DocumentText.Optional(d.Nonce));
        Field(output, "debug_mode", d.IsDebugMode
            ? "yes: PCR0, PCR1 and PCR2 are all zero, so they do not measure the image"
            : d.Kind == AttestationDocumentKind.NitroTpm ? "no (a NitroTPM instance has no debug mode)" : "no");
        Field(output, "unknown_keys", d.UnknownKeys.Count == 0 ? "none" : string.Join(", ", d.UnknownKeys));

        if (view.Certificates.Count > 0)
        {
            Field(output, "certificates", "the leaf, then cabundle from the root");
            foreach (var certificate in view.Certificates)
            {
                WriteCertificate(output, certificate);
            }
        }
    }

    private static void WriteCertificate(TextWriter output, CertificateSummary c)
    {
        if (c.Error is not null)
        {
            output.WriteLine(Invariant($"  {c.Position,-13} not an X.509 certificate: {c.Error}"));
            output.WriteLine(Invariant($"    {"sha256",-11} {c.Sha256}  ({c.DerLength} bytes)"));
            return;
        }

        output.WriteLine(Invariant($"  {c.Position,-13} {c.Subject}"));
        output.WriteLine(Invariant($"    {"issuer",-11} {c.Issuer}"));
        output.WriteLine(Invariant($"    {"serial",-11} {c.SerialNumber}"));
        output.WriteLine(Invariant($"    {"valid",-11} {TextFormat.Time(c.NotBefore!.Value)} .. {TextFormat.Time(c.NotAfter!.Value)}"));
        output.WriteLine(Invariant($"    {"sha256",-11} {c.Sha256}  ({c.DerLength} bytes)"));
        var ca = c.IsCertificateAuthority == true
            ? c.PathLength is { } length ? Invariant($"yes, path length {length}") : "yes, no path length"
            : "no";
        output.WriteLine(Invariant($"    {"ca",-11} {ca}"));
        output.WriteLine(Invariant($"    {"key",-11} {c.PublicKey}, usage {c.KeyUsage}"));
    }

    private static string? TimestampText(AttestationDocument d) => (d.TimestampMilliseconds, d.Timestamp) switch
    {
        (null, _) => null,
        ({ } ms, { } time) => Invariant($"{TextFormat.Time(time)}  ({ms} ms)"),
        ({ } ms, null) => Invariant($"{ms} ms (beyond the representable range)"),
    };

    // A mandatory field's value, or how it is missing: absent or null (AWS requires it; verify says so).
    private static string Mandatory(AttestationDocument d, string key, string? value) =>
        value ?? (d.GetPresence(key) == AttestationFieldPresence.Null ? "null" : "absent");

    private static void Field(TextWriter output, string key, string value) => TextFormat.Field(output, key, value, Width);

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
