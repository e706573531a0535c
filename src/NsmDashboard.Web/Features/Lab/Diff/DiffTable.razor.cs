using Microsoft.AspNetCore.Components;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>One section of a diff: field, A, B and the verdict, with differing rows highlighted.</summary>
public sealed partial class DiffTable
{
    /// <summary>The section's heading.</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    /// <summary>The rows.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<DiffRow> Rows { get; set; } = [];

    /// <summary>Hide rows that are the same.</summary>
    [Parameter]
    public bool OnlyDifferences { get; set; }

    private IEnumerable<DiffRow> Shown => OnlyDifferences ? Rows.Where(r => r.IsDifference) : Rows;

    private int DifferenceCount => Rows.Count(r => r.IsDifference);

    private static string StatusText(DiffStatus status) => status switch
    {
        DiffStatus.Same => "same",
        DiffStatus.Differs => "differs",
        DiffStatus.OnlyLeft => "only in A",
        DiffStatus.OnlyRight => "only in B",
        _ => "n/a",
    };

    private static string StatusClass(DiffStatus status) => status switch
    {
        DiffStatus.Same => "status-same",
        DiffStatus.NotApplicable => "status-na",
        _ => "status-differs",
    };
}
