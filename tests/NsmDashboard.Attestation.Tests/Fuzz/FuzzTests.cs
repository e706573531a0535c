using System.Text;
using NsmDashboard.Testing.Fuzz;

namespace NsmDashboard.Attestation.Tests.Fuzz;

/// <summary>
/// Property test: mutated documents only ever give a typed decode error or a failed verdict. CI runs
/// <see cref="DefaultMutations"/>; set <c>NSM_ATTESTATION_FUZZ_MUTATIONS</c> (or raise the constant) for long runs —
/// the benchmarks' fuzz runner runs 10⁶ through the same harness (tests/NsmDashboard.Benchmarks/README.md).
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
        var targets = FuzzTargets.Create(chain.Ca, chain.Root);

        var outcomes = FuzzHarness.Run(targets, Mutations, Seed);

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Mutations, outcomes.Values.Sum());
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("decode error:", StringComparison.Ordinal)) >= 5, "mutations should reach several decode errors");
        Assert.True(outcomes.GetValueOrDefault("verdict: SignatureInvalid") > 0);
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("verdict:", StringComparison.Ordinal)) >= 5, "mutations should reach several checks");
    }

    [Fact]
    public void Structure_aware_mutation_keeps_most_documents_decodable()
    {
        // The point of mutating the structure rather than bytes: most inputs get past the decoder to the checks.
        var harness = new FuzzHarness(FuzzTargets.Create(chain.Ca, chain.Root), Seed);
        var decodable = Enumerable.Range(0, 600).Count(i =>
        {
            try
            {
                AttestationDocument.Decode(harness.Next(i).Bytes);
                return true;
            }
            catch (AttestationDecodeException)
            {
                return false;
            }
        });

        Assert.True(decodable >= 150, $"{decodable} of 600 mutated documents decode");
    }

    [Fact]
    public void Cbor_tree_writes_every_document_back_byte_for_byte()
    {
        // Unmutated items must keep their exact bytes (so a framing change can leave the signed bytes intact).
        foreach (var target in FuzzTargets.Create(chain.Ca, chain.Root))
        {
            var tree = CborNode.TryParse(target.Document);
            Assert.NotNull(tree);
            Assert.Equal(target.Document, tree.Encode());
            var boundaries = new List<(int Start, int End)>();
            Assert.Equal(target.Document, tree.Encode(boundaries));
            Assert.Contains((0, target.Document.Length), boundaries);
            Assert.All(boundaries, b => Assert.InRange(b.Start, 0, b.End));
        }
    }

    [Fact]
    public void Each_input_replays_alone()
    {
        var harness = new FuzzHarness(FuzzTargets.Create(chain.Ca, chain.Root), Seed);
        var again = new FuzzHarness(harness.Targets, Seed);

        Assert.Equal(harness.Next(12345).Bytes, again.Next(12345).Bytes);
        Assert.NotEqual(harness.Next(1).Bytes, again.Next(1 + harness.Targets.Count).Bytes);
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
