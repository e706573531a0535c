namespace NsmDashboard.Attestation;

/// <summary>One named check of a verification, with its outcome and the evidence behind it.</summary>
public sealed class AttestationCheck
{
    internal AttestationCheck(
        AttestationCheckId id,
        AttestationCheckStatus status,
        string evidence,
        AttestationFailure failure,
        IReadOnlyList<AttestationCheckDetail>? details)
    {
        Id = id;
        Status = status;
        Evidence = evidence;
        Failure = status == AttestationCheckStatus.Failed ? failure : AttestationFailure.None;
        Details = details ?? [];
    }

    /// <summary>Which check this is (a stable identifier).</summary>
    public AttestationCheckId Id { get; }

    /// <summary>A short human title, e.g. <c>Root pinned by bytes</c>.</summary>
    public string Name => AttestationChecks.NameOf(Id);

    /// <summary>Where the rule comes from, e.g. <c>docs/attestation-verification.md#root-pinned</c>.</summary>
    public string Reference => AttestationChecks.ReferenceOf(Id);

    /// <summary>The outcome.</summary>
    public AttestationCheckStatus Status { get; }

    /// <summary>One or two sentences saying what was seen (hashes, sizes, names, times).</summary>
    public string Evidence { get; }

    /// <summary>The failure this check reports when it fails; <see cref="AttestationFailure.None"/> otherwise.</summary>
    public AttestationFailure Failure { get; }

    /// <summary>Itemised evidence (per certificate, per PCR, per field); may be empty.</summary>
    public IReadOnlyList<AttestationCheckDetail> Details { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status,-13} {Name}: {Evidence}";
}
