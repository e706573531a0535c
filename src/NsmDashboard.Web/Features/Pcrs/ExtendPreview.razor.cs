using Microsoft.AspNetCore.Components;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>The current PCR value and, computed locally, the value it will have after extending with <see cref="Data"/>.</summary>
public partial class ExtendPreview
{
    /// <summary>The PCR as it is now.</summary>
    [Parameter, EditorRequired]
    public PcrState Current { get; set; } = default!;

    /// <summary>The data to extend with; null while there is none.</summary>
    [Parameter]
    public byte[]? Data { get; set; }

    /// <summary>The module's digest.</summary>
    [Parameter]
    public NsmDigest Digest { get; set; } = NsmDigest.Sha384;

    private string? PreviewHex => Data is { Length: > 0 } data
        ? Convert.ToHexStringLower(PcrExtension.Compute(Digest, Current.Value.Span, data))
        : null;
}
