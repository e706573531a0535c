namespace NsmDashboard.Kms;

/// <summary>Choices for <see cref="KmsPolicyGenerator"/>.</summary>
public sealed record KmsPolicyGenerationOptions
{
    /// <summary>What the ready-to-paste statement names as principal until the user puts their role there.</summary>
    public const string PrincipalPlaceholder = "arn:aws:iam::111122223333:role/REPLACE-WITH-THE-INSTANCE-ROLE";

    /// <summary>The PCRs to pin; <see langword="null"/> takes <see cref="KmsPolicyGenerator.DefaultPcrs"/>.</summary>
    public IReadOnlyCollection<int>? Pcrs { get; init; }

    /// <summary>The principal (the parent instance's role ARN) for the ready-to-paste statement.</summary>
    public string Principal { get; init; } = PrincipalPlaceholder;

    /// <summary>The statement's <c>Sid</c>.</summary>
    public string Sid { get; init; } = "AllowAttestedRecipientOnly";

    /// <summary>
    /// Pin all-zero PCR0/1/2 anyway. They are what every debug-mode enclave reports, so such a condition admits any
    /// debug-mode enclave; only for experiments.
    /// </summary>
    public bool AllowDebugModeZeros { get; init; }
}
