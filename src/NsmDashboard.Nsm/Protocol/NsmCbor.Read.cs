using System.Formats.Cbor;

namespace NsmDashboard.Nsm.Protocol;

public static partial class NsmCbor
{
    // Field names in Rust declaration order: serde also accepts a field's position as its key.
    private static readonly byte[][] s_index = ["index"u8.ToArray()];
    private static readonly byte[][] s_range = ["range"u8.ToArray()];
    private static readonly byte[][] s_data = ["data"u8.ToArray()];
    private static readonly byte[][] s_indexData = ["index"u8.ToArray(), "data"u8.ToArray()];
    private static readonly byte[][] s_attestationRequest =
        ["user_data"u8.ToArray(), "nonce"u8.ToArray(), "public_key"u8.ToArray()];
    private static readonly byte[][] s_lockData = ["lock"u8.ToArray(), "data"u8.ToArray()];
    private static readonly byte[][] s_document = ["document"u8.ToArray()];
    private static readonly byte[][] s_random = ["random"u8.ToArray()];
    private static readonly byte[][] s_describeNsm =
    [
        "version_major"u8.ToArray(), "version_minor"u8.ToArray(), "version_patch"u8.ToArray(),
        "module_id"u8.ToArray(), "max_pcrs"u8.ToArray(), "locked_pcrs"u8.ToArray(), "digest"u8.ToArray(),
    ];

    private static readonly NsmErrorCode[] s_errorCodes = Enum.GetValues<NsmErrorCode>();

    private static NsmRequest ReadRequest(NsmCborReader r)
    {
        var variant = ReadVariantName(r, "request");
        NsmRequest request = variant.Name switch
        {
            "DescribePCR" => new DescribePcrRequest(ReadUInt16Struct(r, variant, s_index, "index", "DescribePCR.index")),
            "ExtendPCR" => ReadExtendPcrRequest(r, variant),
            "LockPCR" => new LockPcrRequest(ReadUInt16Struct(r, variant, s_index, "index", "LockPCR.index")),
            "LockPCRs" => new LockPcrsRequest(ReadUInt16Struct(r, variant, s_range, "range", "LockPCRs.range")),
            "Attestation" => ReadAttestationRequest(r, variant),
            "DescribeNSM" => ReadUnit(r, variant, DescribeNsmRequest.Instance),
            "GetRandom" => ReadUnit(r, variant, GetRandomRequest.Instance),
            _ => throw r.Fail($"unknown request variant \"{variant.Name}\""),
        };
        EndVariant(r, variant);
        return request;
    }

    private static NsmResponse ReadResponse(NsmCborReader r)
    {
        var variant = ReadVariantName(r, "response");
        NsmResponse response = variant.Name switch
        {
            "DescribePCR" => ReadDescribePcrResponse(r, variant),
            "ExtendPCR" => new ExtendPcrResponse(ReadBytesStruct(r, variant, s_data, "data", "ExtendPCR.data")),
            "LockPCR" => ReadUnit(r, variant, LockPcrResponse.Instance),
            "LockPCRs" => ReadUnit(r, variant, LockPcrsResponse.Instance),
            "DescribeNSM" => ReadDescribeNsmResponse(r, variant),
            "Attestation" => new AttestationResponse(ReadBytesStruct(r, variant, s_document, "document", "Attestation.document")),
            "GetRandom" => new GetRandomResponse(ReadBytesStruct(r, variant, s_random, "random", "GetRandom.random")),
            NsmMessageNames.ErrorVariant => ReadErrorResponse(r, variant),
            _ => throw r.Fail($"unknown response variant \"{variant.Name}\""),
        };
        EndVariant(r, variant);
        return response;
    }

    private static ExtendPcrRequest ReadExtendPcrRequest(NsmCborReader r, Variant variant)
    {
        ushort? index = null;
        byte[]? data = null;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            switch (r.ReadFieldId(variant.Name, s_indexData))
            {
                case 0: index = Once(r, variant, "index", index) ?? r.ReadUInt16("ExtendPCR.index"); break;
                case 1: data = Once(r, variant, "data", data) ?? r.ReadBytes("ExtendPCR.data"); break;
                default: r.SkipValue(); break;
            }
        }

        r.ReadEndMap();
        return new ExtendPcrRequest(Required(r, variant, "index", index), Required(r, variant, "data", data));
    }

    private static AttestationRequest ReadAttestationRequest(NsmCborReader r, Variant variant)
    {
        // Option<ByteBuf> fields: null and a missing key both mean None (serde's default for Option).
        byte[]? userData = null, nonce = null, publicKey = null;
        bool seenUserData = false, seenNonce = false, seenPublicKey = false;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            switch (r.ReadFieldId(variant.Name, s_attestationRequest))
            {
                case 0: Mark(r, variant, "user_data", ref seenUserData); userData = r.ReadOptionalBytes("Attestation.user_data"); break;
                case 1: Mark(r, variant, "nonce", ref seenNonce); nonce = r.ReadOptionalBytes("Attestation.nonce"); break;
                case 2: Mark(r, variant, "public_key", ref seenPublicKey); publicKey = r.ReadOptionalBytes("Attestation.public_key"); break;
                default: r.SkipValue(); break;
            }
        }

        r.ReadEndMap();
        return new AttestationRequest(Optional(userData), Optional(nonce), Optional(publicKey));
    }

    private static DescribePcrResponse ReadDescribePcrResponse(NsmCborReader r, Variant variant)
    {
        bool? locked = null;
        byte[]? data = null;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            switch (r.ReadFieldId(variant.Name, s_lockData))
            {
                case 0: locked = Once(r, variant, "lock", locked) ?? r.ReadBoolean("DescribePCR.lock"); break;
                case 1: data = Once(r, variant, "data", data) ?? r.ReadBytes("DescribePCR.data"); break;
                default: r.SkipValue(); break;
            }
        }

        r.ReadEndMap();
        return new DescribePcrResponse(Required(r, variant, "lock", locked), Required(r, variant, "data", data));
    }

    private static DescribeNsmResponse ReadDescribeNsmResponse(NsmCborReader r, Variant variant)
    {
        ushort? major = null, minor = null, patch = null, maxPcrs = null;
        string? moduleId = null;
        ushort[]? locked = null;
        NsmDigest? digest = null;
        BeginStruct(r, variant);
        while (!r.AtEndOfMap())
        {
            switch (r.ReadFieldId(variant.Name, s_describeNsm))
            {
                case 0: major = Once(r, variant, "version_major", major) ?? r.ReadUInt16("DescribeNSM.version_major"); break;
                case 1: minor = Once(r, variant, "version_minor", minor) ?? r.ReadUInt16("DescribeNSM.version_minor"); break;
                case 2: patch = Once(r, variant, "version_patch", patch) ?? r.ReadUInt16("DescribeNSM.version_patch"); break;
                case 3: moduleId = Once(r, variant, "module_id", moduleId) ?? r.ReadText("DescribeNSM.module_id"); break;
                case 4: maxPcrs = Once(r, variant, "max_pcrs", maxPcrs) ?? r.ReadUInt16("DescribeNSM.max_pcrs"); break;
                case 5: locked = Once(r, variant, "locked_pcrs", locked) ?? r.ReadUInt16Set("DescribeNSM.locked_pcrs"); break;
                case 6: digest = Once(r, variant, "digest", digest) ?? ReadDigest(r); break;
                default: r.SkipValue(); break;
            }
        }

        r.ReadEndMap();
        return new DescribeNsmResponse(
            Required(r, variant, "version_major", major),
            Required(r, variant, "version_minor", minor),
            Required(r, variant, "version_patch", patch),
            Required(r, variant, "module_id", moduleId),
            Required(r, variant, "max_pcrs", maxPcrs),
            Required(r, variant, "locked_pcrs", locked),
            Required(r, variant, "digest", digest));
    }

    private static NsmDigest ReadDigest(NsmCborReader r)
    {
        var name = ReadUnitEnum(r, "DescribeNSM.digest");
        return NsmDigestExtensions.TryParseWireName(name, out var digest)
            ? digest
            : throw r.Fail($"DescribeNSM.digest: unknown digest \"{name}\"");
    }

    private static ErrorResponse ReadErrorResponse(NsmCborReader r, Variant variant)
    {
        if (!variant.IsMap)
        {
            throw r.Fail("Error: expected {\"Error\": <code>}, found a bare variant name");
        }

        var name = ReadUnitEnum(r, "Error");
        foreach (var code in s_errorCodes)
        {
            if (code.ToString() == name)
            {
                return new ErrorResponse(code);
            }
        }

        throw r.Fail($"Error: unknown error code \"{name}\"");
    }

    // A field-less enum (Digest, ErrorCode): its name as text, or serde's map form {"Name": null}.
    private static string ReadUnitEnum(NsmCborReader r, string what)
    {
        if (r.Peek() != CborReaderState.StartMap)
        {
            return r.ReadText(what);
        }

        var variant = ReadVariantName(r, what);
        if (!r.TryReadNull())
        {
            throw r.Fail($"{what}: variant \"{variant.Name}\" takes no value");
        }

        EndVariant(r, variant);
        return variant.Name;
    }
}
