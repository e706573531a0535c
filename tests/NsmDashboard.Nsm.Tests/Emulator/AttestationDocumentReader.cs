using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>
/// A test-side reading of an attestation document (docs/attestation-document.md), independent of any production
/// decoder: splits the COSE_Sign1, reads the payload keeping key order and raw encodings, and verifies
/// the signature and chain with plain .NET crypto.
/// </summary>
internal sealed class AttestationDocumentReader
{
    private AttestationDocumentReader(byte[] document)
    {
        var reader = new CborReader(document, CborConformanceMode.Lax);
        Assert.Equal(4, reader.ReadStartArray());
        ProtectedHeader = reader.ReadByteString();
        Assert.Equal(0, reader.ReadStartMap());
        reader.ReadEndMap();
        Payload = reader.ReadByteString();
        Signature = reader.ReadByteString();
        reader.ReadEndArray();
        Assert.Equal(0, reader.BytesRemaining);
        ReadPayload();
    }

    public byte[] ProtectedHeader { get; }

    public byte[] Payload { get; }

    public byte[] Signature { get; }

    public List<string> Keys { get; } = [];

    /// <summary>The raw CBOR of each payload value, by key.</summary>
    public Dictionary<string, byte[]> RawValues { get; } = [];

    public bool IndefiniteMap { get; private set; }

    public string ModuleId { get; private set; } = "";

    public string Digest { get; private set; } = "";

    public ulong Timestamp { get; private set; }

    public List<KeyValuePair<int, byte[]>> Pcrs { get; } = [];

    public byte[] Certificate { get; private set; } = [];

    public List<byte[]> CaBundle { get; } = [];

    public DateTime Time => DateTimeOffset.FromUnixTimeMilliseconds((long)Timestamp).UtcDateTime;

    public static AttestationDocumentReader Read(byte[] document) => new(document);

    /// <summary>Reads an optional field: null stays null.</summary>
    public byte[]? Optional(string key)
    {
        var reader = new CborReader(RawValues[key], CborConformanceMode.Lax);
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
            return null;
        }

        return reader.ReadByteString();
    }

    /// <summary>The COSE Sig_structure, built here by hand: 84 6a "Signature1" bstr(protected) 40 bstr(payload).</summary>
    public byte[] SigStructure()
    {
        var writer = new CborWriter();
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(ProtectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(Payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    public bool SignatureVerifies()
    {
        using var leaf = X509CertificateLoader.LoadCertificate(Certificate);
        using var key = leaf.GetECDsaPublicKey()!;
        return key.VerifyData(SigStructure(), Signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Builds leaf → instance → zonal → regional → pinned root at the document time, CRLs off (docs/attestation-verification.md#revocation).</summary>
    public (bool Built, X509ChainStatusFlags Status, int Length) BuildChain(X509Certificate2 pinnedRoot, DateTime? at = null)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(Certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pinnedRoot);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at ?? Time;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        foreach (var der in CaBundle.Skip(1))
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(der));
        }

        var built = chain.Build(leaf);
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var length = chain.ChainElements.Count;
        foreach (var certificate in chain.ChainPolicy.ExtraStore)
        {
            certificate.Dispose();
        }

        return (built, status, length);
    }

    private void ReadPayload()
    {
        var reader = new CborReader(Payload, CborConformanceMode.Lax);
        var count = reader.ReadStartMap();
        IndefiniteMap = count is null;
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            Keys.Add(key);
            RawValues[key] = reader.ReadEncodedValue().ToArray();
        }

        reader.ReadEndMap();
        Assert.Equal(0, reader.BytesRemaining);

        ModuleId = new CborReader(RawValues["module_id"]).ReadTextString();
        Digest = new CborReader(RawValues["digest"]).ReadTextString();
        Timestamp = new CborReader(RawValues["timestamp"], CborConformanceMode.Lax).ReadUInt64();
        Certificate = new CborReader(RawValues["certificate"]).ReadByteString();

        var pcrs = new CborReader(RawValues["pcrs"]);
        var pcrCount = pcrs.ReadStartMap();
        for (var i = 0; i < pcrCount; i++)
        {
            Pcrs.Add(new((int)pcrs.ReadUInt32(), pcrs.ReadByteString()));
        }

        var bundle = new CborReader(RawValues["cabundle"]);
        var bundleCount = bundle.ReadStartArray();
        for (var i = 0; i < bundleCount; i++)
        {
            CaBundle.Add(bundle.ReadByteString());
        }
    }
}
