using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>One step as the NSM would carry it out: the value before, the hashed input old ‖ data, and the value after.</summary>
/// <param name="Position">The step's place in the list, from 1.</param>
/// <param name="Step">The step.</param>
/// <param name="Before">The PCR before the step.</param>
/// <param name="After">The PCR after the step; equal to <paramref name="Before"/> when the step was refused.</param>
/// <param name="Refusal">
/// The NSM's error when it would refuse the extend: <see cref="NsmErrorCode.ReadOnlyIndex"/> once the PCR is locked,
/// <see cref="NsmErrorCode.InputTooLarge"/> when the request would exceed 4096 bytes; <see langword="null"/> when the
/// extend goes through.
/// </param>
public sealed record SandboxStepResult(int Position, SandboxStep Step, ReadOnlyMemory<byte> Before, ReadOnlyMemory<byte> After, NsmErrorCode? Refusal)
{
    /// <summary>Whether the NSM would refuse this extend.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>The value before, lowercase hex.</summary>
    public string BeforeHex => Convert.ToHexStringLower(Before.Span);

    /// <summary>The value after, lowercase hex.</summary>
    public string AfterHex => Convert.ToHexStringLower(After.Span);
}
