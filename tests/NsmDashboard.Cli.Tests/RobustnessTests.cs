namespace NsmDashboard.Cli.Tests;

/// <summary>
/// Bad input gets an exit code and a message, never an exception: mutated documents through <c>decode</c> and
/// <c>verify</c>, random requests through <c>raw</c>. Seeded, so a failure reproduces.
/// </summary>
public sealed class RobustnessTests
{
    [Fact]
    public void Mutated_documents_give_exit_codes_not_exceptions()
    {
        var original = AwsVectors.Evervault;
        var random = new Random(20221013);
        for (var i = 0; i < 150; i++)
        {
            var mutated = Mutate(original, random);

            var decode = Cli.RunWithBytes(mutated, "decode", "--json");
            var verify = Cli.RunWithBytes(mutated, "verify", "--at", "2022-10-13T09:00:00Z");

            Assert.True(decode.ExitCode is 0 or 1 or 2, $"mutation {i}: decode {decode}");
            Assert.True(verify.ExitCode is 0 or 1 or 2, $"mutation {i}: verify {verify}");
            Assert.True(decode.ExitCode == 0 || decode.Stderr.StartsWith("nsm: ", StringComparison.Ordinal), $"mutation {i}: {decode}");
        }
    }

    [Fact]
    public void Random_requests_get_an_nsm_answer_from_the_emulator()
    {
        var random = new Random(33);
        var requests = Enumerable.Range(0, 300).Select(_ =>
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            return Hex.Of(bytes);
        }).ToArray();

        var result = Cli.Emulator(["raw", .. requests]);

        // Every request gets exactly one answer line, each a CBOR NSM response (mostly InvalidOperation).
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(requests.Length, result.Lines.Length);
        Assert.All(result.Lines, line => Assert.Matches("^(a1|67|68)[0-9a-f]+$", line));
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                // Flip a few bytes anywhere, the CBOR framing included.
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. new byte[random.Next(1, 8)]];
            default:
                // Corrupt the first 64 bytes, where the envelope and the payload's head are.
                bytes[random.Next(Math.Min(64, bytes.Length))] = (byte)random.Next(256);
                return bytes;
        }
    }
}
