using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Structure errors give one <see cref="AttestationDecodeException"/> naming the path and the byte offset.</summary>
public sealed class DecodeErrorTests
{
    [Theory]
    [InlineData("", "$", 0, "empty")]
    [InlineData("a0", "$", 0, "expected a COSE_Sign1 array")]
    [InlineData("83404040", "$", 0, "3 elements")]
    [InlineData("8544a1013822a041a0404000", "$", 0, "5 elements")]
    [InlineData("c184", "$", 1, "tag 1 is not COSE_Sign1")]
    [InlineData("8444a1013822a0f640", "payload", 7, "detached")]
    [InlineData("8444a1013822a0410040", "payload", 8, "expected the payload map")]
    [InlineData("844101a041a040", "protected", 2, "expected a header map")]
    [InlineData("8445a101382200a041a040", "protected", 6, "trailing bytes after the header map")]
    [InlineData("8447a201382201382241a040", "protected", 6, "duplicate header label 1")]
    [InlineData("8444a1013822a101382241a040", "unprotected", 7, "in both the protected and the unprotected header")]
    [InlineData("8444a101382280", "unprotected", 6, "expected a header map")]
    [InlineData("8444a1013822a041a0f6", "signature", 9, "expected a byte string")]
    [InlineData("9f44a1013822a041a04000ff", "$", 10, "more than 4 elements")]
    [InlineData("8444a1013822a042a00040", "payload", 9, "trailing bytes after the payload map")]
    [InlineData("8444a1013822a043a1000040", "payload", 9, "expected a text key")]
    [InlineData("8444a1013822a041a04000", "$", 10, "trailing bytes after the COSE_Sign1")]
    public void Malformed_envelopes_are_located(string hex, string path, int offset, string problem)
    {
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(Convert.FromHexString(hex)));
        Assert.Equal(path, error.Path);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_after_a_real_document_are_rejected_at_its_end()
    {
        var document = AwsVectors.Nitrite;
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode([.. document, 0x00]));
        Assert.Equal("$", error.Path);
        Assert.Equal(document.Length, error.Offset);
    }

    [Theory]
    [InlineData(10, "signature")]
    [InlineData(200, "payload")]
    [InlineData(4400, "payload")]
    public void Truncation_is_reported_where_the_data_ends(int cut, string path)
    {
        var document = AwsVectors.Nitrite;
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(document.AsSpan(0, document.Length - cut)));
        Assert.Equal(path, error.Path);
        Assert.IsType<System.Formats.Cbor.CborContentException>(error.InnerException);
    }

    [Theory]
    [InlineData("digest", "05", "payload.digest")]
    [InlineData("module_id", "40", "payload.module_id")]
    [InlineData("timestamp", "20", "payload.timestamp")]
    [InlineData("pcrs", "80", "payload.pcrs")]
    [InlineData("pcrs", "a12040", "payload.pcrs")]
    [InlineData("pcrs", "a10300", "payload.pcrs[3]")]
    [InlineData("pcrs", "a2014001 40", "payload.pcrs")]
    [InlineData("nitrotpm_pcrs", "80", "payload.nitrotpm_pcrs")]
    [InlineData("nitrotpm_pcrs", "a12040", "payload.nitrotpm_pcrs")]
    [InlineData("nitrotpm_pcrs", "a11700", "payload.nitrotpm_pcrs[23]")]
    [InlineData("nitrotpm_pcrs", "a2044004 40", "payload.nitrotpm_pcrs")]
    [InlineData("certificate", "6161", "payload.certificate")]
    [InlineData("cabundle", "824101 02", "payload.cabundle[1]")]
    [InlineData("cabundle", "41 01", "payload.cabundle")]
    [InlineData("nonce", "6161", "payload.nonce")]
    [InlineData("public_key", "f5", "payload.public_key")]
    public void Wrong_payload_types_name_the_field(string key, string valueHex, string path)
    {
        var value = Convert.FromHexString(valueHex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var bytes = new DocumentEditor(AwsVectors.Nitrite).Set(key, value).Encode();
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(bytes));
        Assert.Equal(path, error.Path);
        Assert.InRange(error.Offset, 1, bytes.Length);
    }

    [Fact]
    public void Offset_points_at_the_offending_value_inside_the_payload()
    {
        var bytes = new DocumentEditor(AwsVectors.Nitrite).Set("digest", [0x05]).Encode();
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(bytes));

        var key = "fdigest"u8.ToArray(); // 66 'digest'
        key[0] = 0x66;
        var valueOffset = bytes.AsSpan().IndexOf(key) + key.Length;
        Assert.Equal(valueOffset, error.Offset);
        Assert.Equal(0x05, bytes[error.Offset]);
    }

    [Fact]
    public void Duplicate_payload_keys_are_rejected()
    {
        var editor = new DocumentEditor(AwsVectors.Nitrite);
        editor.Entries.Add(("nonce", [0x40]));
        var error = Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(editor.Encode()));
        Assert.Equal("payload", error.Path);
        Assert.Contains("duplicate key \"nonce\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_certificate_bytes_give_a_decode_error_when_parsed()
    {
        var bytes = new DocumentEditor(AwsVectors.Nitrite).SetBytes("certificate", [0x30, 0x03, 0x02, 0x01, 0x01]).Encode();
        var document = AttestationDocument.Decode(bytes);
        var error = Assert.Throws<AttestationDecodeException>(document.GetCertificate);
        Assert.Equal("payload.certificate", error.Path);
    }

    [Fact]
    public void TryDecode_reports_instead_of_throwing()
    {
        Assert.False(AttestationDocument.TryDecode([0x84], out var document, out var error));
        Assert.Null(document);
        Assert.Equal("$", error!.Path);
        Assert.True(AttestationDocument.TryDecode(AwsVectors.Evervault, out document, out error));
        Assert.Null(error);
        Assert.NotNull(document);
    }
}
