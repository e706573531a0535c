using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NsmDashboard.Nsm.Emulator;
using static NsmDashboard.Nsm.Tests.Emulator.EmulatorTestKit;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Boot PCRs (docs/pcrs.md#meanings) and option validation.</summary>
public class NsmEmulatorBootTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/nsm-dashboard-parent";

    private static readonly NitroCliMeasurements Signed = NitroCliMeasurements.Load(TestData.Path("describe-eif.json"));

    // Independent of the emulator's code: SHA384(0^48 ‖ UTF-8(text)).
    private static byte[] FromZero(string text) => SHA384.HashData([.. new byte[48], .. Encoding.UTF8.GetBytes(text)]);

    [Fact]
    public void Instance_id_from_the_spec_gives_PCR4_9ab5a1ab()
    {
        using var emulator = Create(o => o.InstanceId = "i-0f73a4b4cb74cc9f2");

        var pcr4 = Hex.Of(Pcr(emulator, 4).Data.Span);

        // docs/pcrs.md#extend: confirmed against real documents.
        Assert.StartsWith("9ab5a1ab", pcr4, StringComparison.Ordinal);
        Assert.Equal(Hex.Of(FromZero("i-0f73a4b4cb74cc9f2")), pcr4);
    }

    [Fact]
    public void Pcr4_defaults_to_the_instance_part_of_the_module_id()
    {
        using var emulator = Create();

        Assert.Equal("i-00c89f181802cdef4", emulator.InstanceId);
        Assert.Equal(FromZero("i-00c89f181802cdef4"), Pcr(emulator, 4).Data.ToArray());
    }

    [Fact]
    public void Pcr3_is_the_role_arn_measured_from_zero()
    {
        using var emulator = Create(o => o.IamRoleArn = RoleArn);

        Assert.Equal(FromZero(RoleArn), Pcr(emulator, 3).Data.ToArray());
    }

    [Fact]
    public void Pcr3_is_zero_without_a_role()
    {
        using var emulator = Create();

        Assert.Equal(new byte[48], Pcr(emulator, 3).Data.ToArray());
    }

    [Fact]
    public void Measurements_set_pcr_0_1_2_8_as_printed_by_nitro_cli()
    {
        using var emulator = Create(o => o.Measurements = Signed);

        Assert.Equal(Signed.Pcr0.ToArray(), Pcr(emulator, 0).Data.ToArray());
        Assert.Equal(Signed.Pcr1.ToArray(), Pcr(emulator, 1).Data.ToArray());
        Assert.Equal(Signed.Pcr2.ToArray(), Pcr(emulator, 2).Data.ToArray());
        Assert.Equal(Signed.Pcr8!.Value.ToArray(), Pcr(emulator, 8).Data.ToArray());
    }

    [Fact]
    public void Debug_mode_zeroes_pcr_0_1_2_8_but_keeps_3_and_4()
    {
        using var emulator = Create(o =>
        {
            o.Measurements = Signed;
            o.IamRoleArn = RoleArn;
            o.DebugMode = true;
        });

        foreach (ushort index in new ushort[] { 0, 1, 2, 8 })
        {
            Assert.Equal(new byte[48], Pcr(emulator, index).Data.ToArray());
        }

        Assert.Equal(FromZero(RoleArn), Pcr(emulator, 3).Data.ToArray());
        Assert.Equal(FromZero("i-00c89f181802cdef4"), Pcr(emulator, 4).Data.ToArray());
    }

    [Fact]
    public void Debug_mode_pcr0_reads_exactly_locked_and_zero()
    {
        using var emulator = Create(o => o.DebugMode = true);

        // DescribePCR{0} → {lock: true, data: 48×00}.
        Assert.Equal(
            Compact("a1 6b4465736372696265504352 a2 646c6f636b f5 6464617461 5830 " + new string('0', 96)),
            ExchangeHex(emulator, "a1 6b4465736372696265504352 a1 65696e646578 00"));
    }

    [Fact]
    public void Without_measurements_pcr_0_1_2_are_the_non_zero_emulator_defaults_and_pcr8_is_zero()
    {
        using var emulator = Create();

        Assert.Equal(NsmEmulatorOptions.DefaultMeasurements.Pcr0.ToArray(), Pcr(emulator, 0).Data.ToArray());
        Assert.Equal(FromZero("NsmDashboard emulator: enclave image (PCR0)"), Pcr(emulator, 0).Data.ToArray());
        Assert.NotEqual(new byte[48], Pcr(emulator, 1).Data.ToArray());
        Assert.NotEqual(new byte[48], Pcr(emulator, 2).Data.ToArray());
        Assert.Equal(new byte[48], Pcr(emulator, 8).Data.ToArray());
    }

    [Fact]
    public void Default_module_id_is_realistic_and_stable_for_the_process()
    {
        var first = new NsmEmulatorOptions().ModuleId;
        var second = new NsmEmulatorOptions().ModuleId;

        Assert.Matches(new Regex("^i-0[0-9a-f]{16}-enc[0-9a-f]{16}$"), first);
        Assert.Equal(first, second);

        // Like real enclave ids, the enc part starts with the start time in ms as 12 hex digits.
        var started = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(first.Substring(first.IndexOf("-enc", StringComparison.Ordinal) + 4, 12), 16));
        Assert.InRange(started, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("")]
    [InlineData("i-234-enc5678")]                                     // QEMU's default is not a Nitro id
    [InlineData("i-00C89F181802CDEF4-enc0175cd0dcee36866")]           // upper case
    [InlineData("i-00c89f181802cdef4-enc0175cd0dcee3686")]            // 15 hex
    [InlineData("i-00c89f181802cdef4-enc0175cd0dcee36866 ")]          // trailing space
    [InlineData("x-00c89f181802cdef4-enc0175cd0dcee36866")]
    public void Bad_module_id_is_an_ArgumentException_naming_ModuleId(string moduleId)
    {
        var error = Assert.Throws<ArgumentException>(() => new NsmEmulator(new NsmEmulatorOptions { ModuleId = moduleId }));

        Assert.Equal(nameof(NsmEmulatorOptions.ModuleId), error.ParamName);
    }

    [Theory]
    [InlineData("i-0f73a4b4cb74cc9f")]
    [InlineData("0f73a4b4cb74cc9f2")]
    [InlineData("i-0F73A4B4CB74CC9F2")]
    public void Bad_instance_id_is_an_ArgumentException_naming_InstanceId(string instanceId)
    {
        var error = Assert.Throws<ArgumentException>(() => new NsmEmulator(new NsmEmulatorOptions { InstanceId = instanceId }));

        Assert.Equal(nameof(NsmEmulatorOptions.InstanceId), error.ParamName);
    }

    [Theory]
    [InlineData("nsm-dashboard-parent")]
    [InlineData("arn:aws:iam::12345:role/x")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:iam::123456789012:role/with space")]
    public void Bad_role_arn_is_an_ArgumentException_naming_IamRoleArn(string arn)
    {
        var error = Assert.Throws<ArgumentException>(() => new NsmEmulator(new NsmEmulatorOptions { IamRoleArn = arn }));

        Assert.Equal(nameof(NsmEmulatorOptions.IamRoleArn), error.ParamName);
    }

    [Fact]
    public void Eight_digit_instance_ids_and_partition_arns_are_accepted()
    {
        using var emulator = new NsmEmulator(new NsmEmulatorOptions
        {
            ModuleId = "i-1234abcd-enc0175cd0dcee36866",
            IamRoleArn = "arn:aws-us-gov:iam::123456789012:role/path/to/role",
        });

        Assert.Equal("i-1234abcd", emulator.InstanceId);
    }

    [Fact]
    public void Measurements_with_bad_lengths_are_refused_when_built_by_hand()
    {
        Assert.Throws<ArgumentException>(() => new NitroCliMeasurements(new byte[48], new byte[47], new byte[48]));
        Assert.Throws<ArgumentException>(() => new NitroCliMeasurements(new byte[48], new byte[48], new byte[48], new byte[32]));
    }
}
