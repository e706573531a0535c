using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>The warning every lock shows: locks are one-way for the life of the enclave (docs/pcrs.md#locks).</summary>
public partial class LockWarning
{
    /// <summary>What is being locked, e.g. "PCR16" or "PCR0–PCR19".</summary>
    [Parameter, EditorRequired]
    public string What { get; set; } = string.Empty;
}
