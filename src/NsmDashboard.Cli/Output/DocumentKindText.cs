using System.Text.Json;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Parsing;

namespace NsmDashboard.Cli.Output;

/// <summary>How <c>decode</c> and <c>verify</c> name a document's kind, in text and JSON.</summary>
internal static class DocumentKindText
{
    /// <summary><c>NitroTPM instance (nitrotpm_pcrs)</c>, <c>Nitro Enclave (pcrs)</c>, or why the kind is undecided.</summary>
    public static string Of(AttestationDocument? document, bool undecodable = false)
    {
        if (document is null)
        {
            return undecodable ? "unknown: the document does not decode" : "unknown";
        }

        if (document.Kind is { } kind)
        {
            return $"{AttestationDocumentKinds.NameOf(kind)} ({AttestationDocumentKinds.PcrsKeyOf(kind)})";
        }

        return document.PayloadKeys.Contains(AttestationPayloadKeys.Pcrs)
            ? "undecided: the payload has both pcrs and nitrotpm_pcrs"
            : "undecided: the payload has neither pcrs nor nitrotpm_pcrs";
    }

    /// <summary><c>"kind": "enclave" | "nitrotpm" | null</c> and <c>"kind_name"</c>.</summary>
    public static void WriteJson(Utf8JsonWriter writer, AttestationDocument? document)
    {
        if (document?.Kind is { } kind)
        {
            writer.WriteString("kind", KindArgument.NameOf(kind));
        }
        else
        {
            writer.WriteNull("kind");
        }

        writer.WriteString("kind_name", Of(document));
    }
}
