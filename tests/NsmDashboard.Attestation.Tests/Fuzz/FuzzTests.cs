using System.Text;
using NsmDashboard.Attestation.Tests.Builders;

namespace NsmDashboard.Attestation.Tests.Fuzz;

/// <summary>
/// Property test: mutated documents only ever give a typed decode error or a failed verdict. CI runs
/// <see cref="DefaultMutations"/>; set <c>NSM_ATTESTATION_FUZZ_MUTATIONS</c> (or raise the constant) for long runs —
/// the benchmarks project runs ≥ 100 000 through the same harness.
/// </summary>
public sealed class FuzzTests(TestChainFixture chain) : IClassFixture<TestChainFixture>
{
    /// <summary>Mutations per test run in CI.</summary>
    public const int DefaultMutations = 3000;

    private const int Seed = 20240611;

    private static int Mutations =>
        int.TryParse(Environment.GetEnvironmentVariable("NSM_ATTESTATION_FUZZ_MUTATIONS"), out var n) && n > 0 ? n : DefaultMutations;

    [Fact]
    public void Mutated_documents_give_only_decode_errors_or_failed_verdicts()
    {
        var aws = new AttestationVerifier();
        var custom = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = chain.Root });
        var built = chain.Build(b =>
        {
            b.IndefiniteMap = true;
            b.Form = SignatureForm.HighS;
            b.UserData = [];
        });
        FuzzHarness.Target[] targets =
        [
            new(AwsVectors.NitriteFile, AwsVectors.Nitrite, aws, AwsVectors.NitriteTime),
            new(AwsVectors.EvervaultFile, AwsVectors.Evervault, aws, AwsVectors.EvervaultTime),
            new(AwsVectors.TpmFile, AwsVectors.Tpm, aws, AwsVectors.TpmTime),
            new("built-indefinite-high-s", built, custom, chain.Ca.ValidAt),
        ];

        var outcomes = FuzzHarness.Run(targets, Mutations, Seed);

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Mutations, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault(AttestationFailure.Malformed) > 0);
        Assert.True(outcomes.GetValueOrDefault(AttestationFailure.SignatureInvalid) > 0);
        Assert.True(outcomes.Keys.Count(k => k != AttestationFailure.None) >= 4, "mutations should reach several checks");
    }

    [Fact]
    public void Mutated_text_gives_only_input_errors_or_bytes()
    {
        var random = new Random(Seed);
        var text = Convert.ToBase64String(AwsVectors.Nitrite, Base64FormattingOptions.InsertLineBreaks);
        for (var i = 0; i < Mutations; i++)
        {
            var chars = text.ToCharArray();
            for (var j = random.Next(1, 4); j > 0; j--)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0x20, 0x80);
            }

            var mutated = new string(chars, 0, random.Next(2) == 0 ? chars.Length : random.Next(chars.Length));
            try
            {
                AttestationInput.Parse(mutated);
                AttestationInput.Parse(Encoding.ASCII.GetBytes(mutated));
            }
            catch (AttestationInputException)
            {
            }
        }
    }
}
