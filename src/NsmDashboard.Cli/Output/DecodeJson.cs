using System.Text.Json;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Output;

/// <summary>
/// <c>nsm decode --json</c>. The payload fields keep their CBOR names and shapes so an independent decoder's view
/// compares field by field: bytes as lowercase hex, <c>timestamp</c> as the integer milliseconds, <c>pcrs</c> as an
/// object keyed by index, <c>cabundle</c> as an array. An absent field has no member, a null one is JSON
/// <c>null</c>, an empty byte string is <c>""</c>. Envelope facts sit under <c>cose</c>, certificate details under
/// <c>certificates</c>.
/// </summary>
internal static class DecodeJson
{
    public static void Write(TextWriter output, DecodedDocument view) =>
        JsonOutput.Write(output, writer =>
        {
            var d = view.Document;
            writer.WriteStartObject();
            writer.WriteString("source", view.Source);
            writer.WriteString("input_format", view.InputFormat);
            writer.WriteNumber("length", d.Encoded.Length);
            writer.WriteString("sha256", view.Sha256);
            DocumentKindText.WriteJson(writer, d);

            writer.WriteStartObject("cose");
            writer.WriteBoolean("tagged", d.IsTagged);
            writer.WriteBoolean("indefinite_array", d.IsEnvelopeIndefinite);
            writer.WriteHex("protected", d.RawProtectedHeader.Span);
            if (d.Algorithm is { } algorithm)
            {
                writer.WriteNumber("algorithm", algorithm);
            }
            else
            {
                writer.WriteNull("algorithm");
            }

            writer.WriteHex("unprotected", d.RawUnprotectedHeader.Span);
            writer.WriteNumber("payload_length", d.RawPayload.Length);
            writer.WriteBoolean("payload_indefinite_map", d.IsPayloadMapIndefinite);
            writer.WriteHex("signature", d.Signature.Span);
            writer.WriteEndObject();

            writer.WriteStartArray("payload_keys");
            foreach (var key in d.PayloadKeys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            WriteFields(writer, d);
            writer.WriteBoolean("debug_mode", d.IsDebugMode);
            if (d.Timestamp is { } time)
            {
                writer.WriteTime("timestamp_utc", time);
            }

            writer.WriteStartArray("certificates");
            foreach (var certificate in view.Certificates)
            {
                WriteCertificate(writer, certificate);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("structure");
            StructureJson.Write(writer, view.Structure);
            writer.WriteEndObject();
        });

    private static void WriteFields(Utf8JsonWriter writer, AttestationDocument d)
    {
        Mandatory(writer, d, AttestationPayloadKeys.ModuleId, d.ModuleId is { } id ? w => w.WriteStringValue(id) : null);
        Mandatory(writer, d, AttestationPayloadKeys.Digest, d.Digest is { } digest ? w => w.WriteStringValue(digest) : null);
        Mandatory(writer, d, AttestationPayloadKeys.Timestamp, d.TimestampMilliseconds is { } ms ? w => w.WriteNumberValue(ms) : null);
        Mandatory(writer, d, AttestationPayloadKeys.Pcrs, PcrMap(d.Pcrs));
        Mandatory(writer, d, AttestationPayloadKeys.NitroTpmPcrs, PcrMap(d.NitroTpmPcrs));
        Mandatory(writer, d, AttestationPayloadKeys.Certificate, d.Certificate is { } leaf ? w => w.WriteStringValue(Convert.ToHexStringLower(leaf.Span)) : null);
        Mandatory(writer, d, AttestationPayloadKeys.CaBundle, d.CaBundle is { } bundle
            ? w =>
            {
                w.WriteStartArray();
                foreach (var entry in bundle)
                {
                    w.WriteStringValue(Convert.ToHexStringLower(entry.Span));
                }

                w.WriteEndArray();
            }
            : null);
        DocumentJson.WriteOptional(writer, AttestationPayloadKeys.PublicKey, d.PublicKey);
        DocumentJson.WriteOptional(writer, AttestationPayloadKeys.UserData, d.UserData);
        DocumentJson.WriteOptional(writer, AttestationPayloadKeys.Nonce, d.Nonce);
        writer.WriteStartArray("unknown_keys");
        foreach (var key in d.UnknownKeys)
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
    }

    private static Action<Utf8JsonWriter>? PcrMap(IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? pcrs) => pcrs is null
        ? null
        : w =>
        {
            w.WriteStartObject();
            foreach (var (index, value) in pcrs)
            {
                w.WriteHex(index.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Span);
            }

            w.WriteEndObject();
        };

    // Present → the value; sent as null → JSON null; absent → no member.
    private static void Mandatory(Utf8JsonWriter writer, AttestationDocument d, string key, Action<Utf8JsonWriter>? writeValue)
    {
        if (writeValue is not null)
        {
            writer.WritePropertyName(key);
            writeValue(writer);
        }
        else if (d.GetPresence(key) == AttestationFieldPresence.Null)
        {
            writer.WriteNull(key);
        }
    }

    private static void WriteCertificate(Utf8JsonWriter writer, CertificateSummary c)
    {
        writer.WriteStartObject();
        writer.WriteString("position", c.Position);
        writer.WriteNumber("length", c.DerLength);
        writer.WriteString("sha256", c.Sha256);
        if (c.Error is not null)
        {
            writer.WriteString("error", c.Error);
        }
        else
        {
            writer.WriteString("subject", c.Subject);
            writer.WriteString("issuer", c.Issuer);
            writer.WriteString("serial", c.SerialNumber);
            writer.WriteTime("not_before", c.NotBefore!.Value);
            writer.WriteTime("not_after", c.NotAfter!.Value);
            writer.WriteBoolean("ca", c.IsCertificateAuthority == true);
            if (c.PathLength is { } length)
            {
                writer.WriteNumber("path_length", length);
            }
            else
            {
                writer.WriteNull("path_length");
            }

            writer.WriteString("key_usage", c.KeyUsage);
            writer.WriteString("public_key", c.PublicKey);
        }

        writer.WriteEndObject();
    }
}
