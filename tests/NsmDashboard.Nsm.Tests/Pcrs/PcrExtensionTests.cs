using System.Text;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Pcrs;

/// <summary>
/// The extend rule, PCR_new = H(PCR_old ‖ data) (docs/pcrs.md#extend), against values computed with Python's
/// hashlib, an implementation independent of .NET's.
/// </summary>
public sealed class PcrExtensionTests
{
    [Theory]
    // docs/pcrs.md#extend: an all-zero PCR extended with 010203 (the vector of docs/nsm-messages.md#hex-vectors).
    [InlineData(NsmDigest.Sha384, "", "010203", "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e")]
    [InlineData(NsmDigest.Sha384, "", "", "8f0d145c0368ad6b70be22e41c400eea91b971d96ba220fec9fae25a58dffdaaf72dbe8f6783d55128c9df4efaf6f8a7")]
    [InlineData(NsmDigest.Sha384, "30e84b2d7eeffe6d90a475797b35e59a11b0da473eee4b3b8edfe73daf0279801bb18730c39db7f27f2f77b7b458cb9e", "776f726c64", "b2813aa7c511db60aefc74615b21fc7b96cc468692c70350537f344db9f9458ecbe1fcce9772030cba1e22c9ff6bf4f5")]
    [InlineData(NsmDigest.Sha256, "", "616263", "365aa7d8f7f9402c4b9434502b4cc89ddb09fe50d7cd95b493b834c62d5a5370")]
    [InlineData(NsmDigest.Sha512, "", "616263", "7682b6b84c6f692545a896ad210299bcc6f74e189d829e165739b11dd83b6f2c8cfacf27e812bf064df756d6235ac33c062b89ecb80f8215516dbbb844ce8480")]
    public void Extend_is_the_digest_of_the_old_value_and_the_data(NsmDigest digest, string currentHex, string dataHex, string expectedHex)
    {
        // An empty current value stands for the zero PCR of the digest's length.
        var current = currentHex.Length == 0 ? new byte[digest.PcrLength()] : Convert.FromHexString(currentHex);
        var data = Convert.FromHexString(dataHex);

        Assert.Equal(expectedHex, Convert.ToHexStringLower(PcrExtension.Compute(digest, current, data)));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(PcrExtension.Fold(current, data)));
    }

    [Fact]
    public void One_extend_of_a_zero_PCR_is_how_boot_measurements_are_made()
    {
        Assert.Equal(
            "30e84b2d7eeffe6d90a475797b35e59a11b0da473eee4b3b8edfe73daf0279801bb18730c39db7f27f2f77b7b458cb9e",
            Convert.ToHexStringLower(PcrExtension.FromZero("hello")));
        Assert.Equal(PcrExtension.FromZero(Encoding.UTF8.GetBytes("hello")), PcrExtension.FromZero("hello"));
    }

    [Fact]
    public void Data_larger_than_the_stack_buffer_hashes_the_same_as_small_data()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var expected = System.Security.Cryptography.SHA384.HashData([.. new byte[NsmLimits.PcrLength], .. data]);

        Assert.Equal(expected, PcrExtension.Compute(NsmDigest.Sha384, new byte[NsmLimits.PcrLength], data));
    }

    [Theory]
    [InlineData(32, NsmDigest.Sha256)]
    [InlineData(48, NsmDigest.Sha384)]
    [InlineData(64, NsmDigest.Sha512)]
    public void A_PCR_length_names_its_digest(int length, NsmDigest expected)
    {
        Assert.True(NsmDigestExtensions.TryFromPcrLength(length, out var digest));
        Assert.Equal(expected, digest);
        Assert.Equal(length, digest.PcrLength());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    [InlineData(96)]
    public void Other_lengths_name_no_digest(int length) =>
        Assert.False(NsmDigestExtensions.TryFromPcrLength(length, out _));
}
