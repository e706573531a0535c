using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Infrastructure;

namespace NsmDashboard.Cli.Output;

/// <summary>A decoded document with what <c>decode</c> prints about it besides its fields.</summary>
internal sealed class DecodedDocument
{
    public DecodedDocument(AttestationDocument document, AttestationInputFormat format, string source, IReadOnlyList<AttestationTrustRoot> roots)
    {
        Document = document;
        InputFormat = DocumentInput.FormatName(format);
        Source = source;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(document.Encoded.Span));
        Certificates = CertificateSummary.All(document);
        Structure = AttestationStructure.Read(document, roots);
    }

    /// <summary>The raw structure (<c>--raw</c>, and <c>structure</c> in JSON).</summary>
    public AttestationStructure Structure { get; }

    public AttestationDocument Document { get; }

    public string InputFormat { get; }

    public string Source { get; }

    public string Sha256 { get; }

    public IReadOnlyList<CertificateSummary> Certificates { get; }

    /// <summary>The COSE algorithm with its name: <c>-35 (ES384)</c>, <c>-1</c> (QEMU's unsigned documents).</summary>
    public static string AlgorithmText(int? algorithm) => algorithm switch
    {
        null => "none",
        -7 => "-7 (ES256)",
        -35 => "-35 (ES384)",
        -36 => "-36 (ES512)",
        { } other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
