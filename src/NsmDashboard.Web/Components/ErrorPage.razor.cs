using System.Diagnostics;
using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Components;

/// <summary>The static page the exception handler re-executes to; no circuit, no NSM, so it always renders.</summary>
public partial class ErrorPage
{
    /// <summary>The failed request.</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    private string? RequestId { get; set; }

    /// <inheritdoc/>
    protected override void OnInitialized() =>
        RequestId = Activity.Current?.Id ?? HttpContext?.TraceIdentifier;
}
