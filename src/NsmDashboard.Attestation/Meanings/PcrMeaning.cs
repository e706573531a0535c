namespace NsmDashboard.Attestation;

/// <summary>What one PCR of one document kind measures.</summary>
/// <param name="Title">A short name, for table cells and labels.</param>
/// <param name="Description">One or two sentences saying how the value is produced.</param>
/// <param name="Source">A public source a reader can open for the meaning.</param>
public sealed record PcrMeaning(string Title, string Description, string Source);
