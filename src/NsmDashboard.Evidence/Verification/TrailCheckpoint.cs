using NsmDashboard.Evidence.Checkpoints;

namespace NsmDashboard.Evidence.Verification;

/// <summary>A checkpoint the verifier matched with a chain.</summary>
/// <param name="Line">Its line in the file; 0 for one given beside the file.</param>
/// <param name="Source">Where it came from: <c>file</c> or the path of a document given beside it.</param>
/// <param name="Taken">Why it was taken, as its line says (<c>pull</c>, <c>interval</c>, …); <c>given</c> for a document beside the file.</param>
/// <param name="Verification">The verified document.</param>
/// <param name="Proves">Whether it proves the file's records up to its sequence (false: it falls inside a gap and proves nothing the file holds).</param>
/// <param name="Pcrs">The PCR table its line carries (checked against the attested digest); null when it has none.</param>
public sealed record TrailCheckpoint(long Line, string Source, string Taken, CheckpointVerification Verification, bool Proves, PcrTable? Pcrs = null)
{
    /// <summary>The attested checkpoint.</summary>
    public Checkpoint Checkpoint => Verification.Checkpoint!;
}
