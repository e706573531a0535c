namespace NsmDashboard.Evidence.Verification;

/// <summary>The first thing that breaks a trail.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Line">The line (from 1) where it shows; 0 when it concerns the file as a whole.</param>
/// <param name="Sequence">The first bad sequence number, when one can be named.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record TrailProblem(TrailProblemKind Kind, long Line, long? Sequence, string Message);
