using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Numerics;
using System.Security.Cryptography;

namespace NsmDashboard.Attestation.Tests.Builders;

/// <summary>Whether to force the signature's s into the low or the high half of the group order.</summary>
public enum SignatureForm
{
    AsSigned,
    LowS,
    HighS,
}

/// <summary>
/// Builds attestation documents by hand, byte for byte like an NSM (docs/attestation-document.md#cose-sign1, #payload): untagged or tagged
/// COSE_Sign1, protected header <c>a1 01 38 22</c>, empty unprotected map, payload map definite (<c>a9</c>) or
/// indefinite (<c>bf … ff</c>), 8-byte timestamp, raw r‖s ES384 signature over the Sig_structure.
/// </summary>
internal sealed class TestDocumentBuilder
{
    /// <summary>The order n of P-384.</summary>
    public static readonly BigInteger P384Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber);

    /// <summary>Absent: the key is left out. <see cref="Null"/>: written as CBOR null.</summary>
    public static readonly byte[] Absent = [0xde, 0xad];

    /// <summary>Written as CBOR null.</summary>
    public static readonly byte[] Null = [0xf6];

    public string? ModuleId { get; set; } = "i-0123456789abcdef0-enc0123456789abcdef";

    public string? Digest { get; set; } = "SHA384";

    public ulong Timestamp { get; set; } = (ulong)TestCertificateAuthority.Epoch.AddMinutes(5).ToUnixTimeMilliseconds();

    public SortedDictionary<int, byte[]> Pcrs { get; } = DefaultPcrs();

    /// <summary>Whether to write <c>pcrs</c> (an enclave document). <see cref="AsNitroTpm"/> turns it off.</summary>
    public bool WritePcrs { get; set; } = true;

    /// <summary><c>nitrotpm_pcrs</c>, written after <c>pcrs</c> when set (a NitroTPM document).</summary>
    public SortedDictionary<int, byte[]>? NitroTpmPcrs { get; set; }

    public byte[]? Certificate { get; set; }

    public IReadOnlyList<byte[]>? CaBundle { get; set; }

    /// <summary><see cref="Absent"/>, <see cref="Null"/>, or the bytes (empty allowed).</summary>
    public byte[] PublicKey { get; set; } = Null;

    public byte[] UserData { get; set; } = Null;

    public byte[] Nonce { get; set; } = Null;

    public bool IndefiniteMap { get; set; }

    public bool Tagged { get; set; }

    public byte[] ProtectedHeader { get; set; } = [0xa1, 0x01, 0x38, 0x22];

    public SignatureForm Form { get; set; } = SignatureForm.AsSigned;

    /// <summary>Extra payload entries written after the known ones (key, encoded CBOR value).</summary>
    public List<(string Key, byte[] Value)> ExtraEntries { get; } = [];

    public static TestDocumentBuilder For(TestCertificateAuthority ca) => new() { Certificate = ca.Leaf.RawData, CaBundle = ca.CaBundle };

    /// <summary>Makes this a NitroTPM document: <c>nitrotpm_pcrs</c> instead of <c>pcrs</c>, a <c>-tpm</c> module id.</summary>
    public TestDocumentBuilder AsNitroTpm()
    {
        ModuleId = "i-0123456789abcdef0-tpm0000000000000000";
        WritePcrs = false;
        NitroTpmPcrs = DefaultNitroTpmPcrs();
        return this;
    }

    /// <summary>24 SHA-384 PCRs as a NitroTPM reports them: boot measurements in 0–7, zeros, all-ff DRTM PCRs 17–22.</summary>
    public static SortedDictionary<int, byte[]> DefaultNitroTpmPcrs()
    {
        var pcrs = new SortedDictionary<int, byte[]>();
        for (var i = 0; i < 24; i++)
        {
            pcrs[i] = i switch
            {
                <= 7 => SHA384.HashData(BitConverter.GetBytes(100 + i)),
                >= 17 and <= 22 => Enumerable.Repeat((byte)0xff, 48).ToArray(),
                _ => new byte[48],
            };
        }

        return pcrs;
    }

    public static SortedDictionary<int, byte[]> DefaultPcrs()
    {
        var pcrs = new SortedDictionary<int, byte[]>();
        for (var i = 0; i < 16; i++)
        {
            pcrs[i] = i is 0 or 1 or 2 or 3 or 4 or 8 ? SHA384.HashData(BitConverter.GetBytes(i)) : new byte[48];
        }

        return pcrs;
    }

    public byte[] EncodePayload()
    {
        var entries = new List<(string Key, byte[] Value)>();
        void Add(string key, Action<CborWriter> write)
        {
            var w = new CborWriter(CborConformanceMode.Lax);
            write(w);
            entries.Add((key, w.Encode()));
        }

        if (ModuleId is not null) { Add("module_id", w => w.WriteTextString(ModuleId)); }
        if (Digest is not null) { Add("digest", w => w.WriteTextString(Digest)); }

        // Real NSMs always use the 8-byte form 1b … for the timestamp.
        var timestamp = new byte[9];
        timestamp[0] = 0x1b;
        BinaryPrimitives.WriteUInt64BigEndian(timestamp.AsSpan(1), Timestamp);
        entries.Add(("timestamp", timestamp));
        if (WritePcrs)
        {
            Add("pcrs", w => WritePcrMap(w, Pcrs));
        }

        if (NitroTpmPcrs is { } tpm)
        {
            Add("nitrotpm_pcrs", w => WritePcrMap(w, tpm));
        }

        if (Certificate is not null) { Add("certificate", w => w.WriteByteString(Certificate)); }
        if (CaBundle is not null)
        {
            Add("cabundle", w =>
            {
                w.WriteStartArray(CaBundle.Count);
                foreach (var der in CaBundle)
                {
                    w.WriteByteString(der);
                }

                w.WriteEndArray();
            });
        }

        AddOptional(entries, "public_key", PublicKey);
        AddOptional(entries, "user_data", UserData);
        AddOptional(entries, "nonce", Nonce);
        entries.AddRange(ExtraEntries);

        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(IndefiniteMap ? null : entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.WriteTextString(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Encodes and signs with <paramref name="key"/> (the leaf's private key).</summary>
    public byte[] Build(ECDsa key)
    {
        var payload = EncodePayload();
        var signature = key.SignData(SigStructure(ProtectedHeader, payload), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Envelope(ProtectedHeader, payload, Reform(signature, Form), Tagged);
    }

    public static byte[] SigStructure(byte[] protectedHeader, byte[] payload)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(protectedHeader);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    public static byte[] Envelope(byte[] protectedHeader, byte[] payload, byte[] signature, bool tagged = false, byte[]? unprotected = null)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        if (tagged)
        {
            writer.WriteTag((CborTag)18);
        }

        writer.WriteStartArray(4);
        writer.WriteByteString(protectedHeader);
        writer.WriteEncodedValue(unprotected ?? [0xa0]);
        writer.WriteByteString(payload);
        writer.WriteByteString(signature);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Replaces s by n − s when needed: (r, s) and (r, n − s) are both valid ECDSA signatures.</summary>
    public static byte[] Reform(byte[] signature, SignatureForm form)
    {
        var s = new BigInteger(signature.AsSpan(48), isUnsigned: true, isBigEndian: true);
        var high = s > P384Order / 2;
        if (form == SignatureForm.AsSigned || (form == SignatureForm.HighS) == high)
        {
            return signature;
        }

        var result = signature.ToArray();
        var flipped = (P384Order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        result.AsSpan(48).Clear();
        flipped.CopyTo(result.AsSpan(96 - flipped.Length));
        return result;
    }

    private static void WritePcrMap(CborWriter writer, SortedDictionary<int, byte[]> pcrs)
    {
        writer.WriteStartMap(pcrs.Count);
        foreach (var (index, value) in pcrs)
        {
            writer.WriteInt32(index);
            writer.WriteByteString(value);
        }

        writer.WriteEndMap();
    }

    private static void AddOptional(List<(string Key, byte[] Value)> entries, string key, byte[] value)
    {
        if (ReferenceEquals(value, Absent))
        {
            return;
        }

        if (ReferenceEquals(value, Null))
        {
            entries.Add((key, [0xf6]));
            return;
        }

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteByteString(value);
        entries.Add((key, writer.Encode()));
    }
}
