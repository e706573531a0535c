namespace NsmDashboard.Cli.Parsing;

/// <summary>What <c>nsm pcr read</c> reads: one index, or every PCR the module has.</summary>
internal readonly record struct PcrSelection(bool IsAll, ushort Index)
{
    public static PcrSelection All => new(true, 0);

    public static PcrSelection One(ushort index) => new(false, index);
}
