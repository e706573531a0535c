using System.Security.Cryptography;
using NsmDashboard.Web.Features.Attestation;

namespace NsmDashboard.Web.Tests.Features.Attestation;

public sealed class AttestationRequestFormTests
{
    [Fact]
    public void By_default_the_request_carries_a_fresh_32_byte_nonce_and_nothing_else()
    {
        // Arrange
        var form = new AttestationRequestForm();

        // Act
        var ok = form.TryBuild(out var request, out var errors);

        // Assert
        Assert.True(ok);
        Assert.Empty(errors);
        Assert.Equal(form.GeneratedNonce, request.Nonce!.Value.ToArray());
        Assert.Equal(32, request.Nonce.Value.Length);
        Assert.Null(request.UserData);
        Assert.Null(request.PublicKey);
        Assert.NotEqual(form.GeneratedNonce, new AttestationRequestForm().GeneratedNonce);
    }

    [Fact]
    public void Empty_text_user_data_is_sent_as_an_empty_byte_string_not_null()
    {
        // Arrange
        var form = new AttestationRequestForm { UserDataMode = AttestationFieldMode.Text, UserDataInput = string.Empty, NonceMode = AttestationFieldMode.None };

        // Act
        form.TryBuild(out var request, out _);

        // Assert
        Assert.NotNull(request.UserData);
        Assert.True(request.UserData.Value.IsEmpty);
        Assert.Null(request.Nonce);
    }

    [Fact]
    public void Every_field_is_limited_to_1024_bytes_with_a_message_naming_the_size()
    {
        // Arrange
        var form = new AttestationRequestForm
        {
            NonceMode = AttestationFieldMode.Hex,
            NonceHex = new string('a', 2 * 1025),
            UserDataMode = AttestationFieldMode.Text,
            UserDataInput = new string('é', 513),
        };

        // Act
        var ok = form.TryBuild(out _, out var errors);

        // Assert
        Assert.False(ok);
        Assert.Equal("1025 bytes is too large: the NSM takes at most 1024 bytes per field.", form.NonceError);
        Assert.Equal("1026 bytes is too large: the NSM takes at most 1024 bytes per field.", form.UserDataError);
        Assert.Equal(["nonce: " + form.NonceError, "user_data: " + form.UserDataError], errors);
    }

    [Fact]
    public void Exactly_1024_bytes_is_accepted()
    {
        // Arrange
        var form = new AttestationRequestForm { UserDataMode = AttestationFieldMode.Hex, UserDataInput = new string('0', 2048) };

        // Act / Assert
        Assert.True(form.TryBuild(out var request, out _));
        Assert.Equal(1024, request.UserData!.Value.Length);
    }

    [Fact]
    public void Bad_hex_and_a_missing_key_are_reported_per_field()
    {
        // Arrange
        var form = new AttestationRequestForm
        {
            NonceMode = AttestationFieldMode.Hex,
            NonceHex = "12zz",
            PublicKeyMode = AttestationFieldMode.Pem,
        };

        // Assert
        Assert.Equal("'z' at position 3 is not a hex digit (0-9, a-f)", form.NonceError);
        Assert.Equal("Paste a PEM public key, or choose None.", form.PublicKeyError);
        Assert.False(form.IsValid);
    }

    [Fact]
    public void An_uploaded_key_file_is_used_as_its_SubjectPublicKeyInfo()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var form = new AttestationRequestForm { PublicKeyMode = AttestationFieldMode.File };

        // Act
        form.SetPublicKeyFile("key.pem", System.Text.Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));
        form.TryBuild(out var request, out _);

        // Assert
        Assert.Null(form.PublicKeyError);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), request.PublicKey!.Value.ToArray());
    }
}
