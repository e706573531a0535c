using System.Text;

namespace NsmDashboard.Attestation.Tests;

/// <summary>Input detection: raw CBOR, hex, base64 (standard or URL-safe, padded or not, whitespace anywhere).</summary>
public sealed class InputTests
{
    private static readonly byte[] Document = AwsVectors.Evervault;

    [Fact]
    public void Raw_cbor_is_taken_as_is()
    {
        var input = AttestationInput.Parse(Document);
        Assert.Equal(AttestationInputFormat.Cbor, input.Format);
        Assert.Equal(Document, input.Document.ToArray());
        Assert.Equal(AttestationInputFormat.Cbor, AttestationInput.Parse((byte[])[0xd2, .. Document]).Format);
    }

    [Fact]
    public void Binary_that_is_not_text_is_cbor_and_left_to_the_decoder()
    {
        var input = AttestationInput.Parse((byte[])[0x00, 0xff, 0x10]);
        Assert.Equal(AttestationInputFormat.Cbor, input.Format);
        Assert.Throws<AttestationDecodeException>(() => AttestationDocument.Decode(input.Document.Span));
    }

    public static TheoryData<string, AttestationInputFormat> TextForms()
    {
        var standard = Convert.ToBase64String(Document);
        var url = standard.Replace('+', '-').Replace('/', '_');
        var hex = Convert.ToHexStringLower(Document);
        return new()
        {
            { standard, AttestationInputFormat.Base64 },
            { standard.TrimEnd('='), AttestationInputFormat.Base64 },
            { Convert.ToBase64String(Document, Base64FormattingOptions.InsertLineBreaks), AttestationInputFormat.Base64 },
            { "  " + string.Join("\n ", Chunks(standard, 64)) + "\n", AttestationInputFormat.Base64 },
            { url, AttestationInputFormat.Base64Url },
            { url.TrimEnd('='), AttestationInputFormat.Base64Url },
            { string.Join("\r\n", Chunks(url.TrimEnd('='), 60)), AttestationInputFormat.Base64Url },
            { hex, AttestationInputFormat.Hex },
            { hex.ToUpperInvariant(), AttestationInputFormat.Hex },
            { string.Join(" ", Chunks(hex, 2)), AttestationInputFormat.Hex },
            { string.Join("\n", Chunks(hex, 32)) + "\n", AttestationInputFormat.Hex },
            { "\uFEFF" + standard, AttestationInputFormat.Base64 },
        };
    }

    [Theory]
    [MemberData(nameof(TextForms))]
    public void Text_forms_are_detected_from_strings_and_from_bytes(string text, AttestationInputFormat format)
    {
        var fromString = AttestationInput.Parse(text);
        var fromBytes = AttestationInput.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(format, fromString.Format);
        Assert.Equal(format, fromBytes.Format);
        Assert.Equal(Document, fromString.Document.ToArray());
        Assert.Equal(Document, fromBytes.Document.ToArray());
    }

    [Fact]
    public void Real_documents_in_base64_start_with_the_documented_prefix()
    {
        Assert.StartsWith("hEShATgioFk", Convert.ToBase64String(Document), StringComparison.Ordinal);
        var verdict = TestVerifiers.ColdAwsVerifier().Verify(AttestationInput.Parse(Convert.ToBase64String(Document)).Document, AwsVectors.EvervaultTime);
        Verdicts.AssertValid(verdict);
    }

    [Theory]
    [InlineData("", -1, null)]
    [InlineData(" \n\t ", -1, null)]
    [InlineData("hESh*TgioFk", 4, AttestationInputFormat.Base64)]
    [InlineData("8444a10", 6, AttestationInputFormat.Hex)]
    [InlineData("hESh+Tgi-Fk", 8, AttestationInputFormat.Base64)]
    [InlineData("hEShATgio", -1, AttestationInputFormat.Base64)]
    [InlineData("hEShA===", -1, AttestationInputFormat.Base64)]
    [InlineData("hE=ShATg", 2, AttestationInputFormat.Base64)]
    public void Bad_text_is_rejected_with_the_offset(string text, int offset, AttestationInputFormat? format)
    {
        var error = Assert.Throws<AttestationInputException>(() => AttestationInput.Parse(text));
        Assert.Equal(offset, error.Offset);
        Assert.Equal(format, error.AttemptedFormat);
        Assert.Throws<AttestationInputException>(() => AttestationInput.Parse(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Non_ascii_text_is_rejected()
    {
        var error = Assert.Throws<AttestationInputException>(() => AttestationInput.Parse("hESh\u00e9TgioFk"));
        Assert.Equal(4, error.Offset);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
