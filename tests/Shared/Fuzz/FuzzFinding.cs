namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// An outcome the code under test must never produce (an exception of another type, a valid verdict for changed signed
/// bytes, a 500): carries what is needed to replay it — the target, the seed, the input's index and its bytes.
/// </summary>
internal sealed class FuzzFinding : Exception
{
    public FuzzFinding(string what, string target, int seed, long index, ReadOnlySpan<byte> input, Exception? cause = null)
        : base($"{what} (target {target}, seed {seed}, input {index}): {Convert.ToHexStringLower(input)}", cause)
    {
        What = what;
        Target = target;
        Seed = seed;
        Index = index;
    }

    public FuzzFinding()
        : this("fuzz finding", string.Empty, 0, 0, [])
    {
    }

    public FuzzFinding(string message)
        : this(message, string.Empty, 0, 0, [])
    {
    }

    public FuzzFinding(string message, Exception innerException)
        : this(message, string.Empty, 0, 0, [], innerException)
    {
    }

    public string What { get; }

    public string Target { get; }

    public int Seed { get; }

    public long Index { get; }
}
