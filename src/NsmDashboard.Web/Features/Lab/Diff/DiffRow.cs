namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>One compared field.</summary>
/// <param name="Key">A stable name for the field (<c>module_id</c>, <c>pcr-4</c>, <c>cabundle-2</c>), for tests and anchors.</param>
/// <param name="Field">The field as people read it.</param>
/// <param name="Left">Side A's value as text; <see langword="null"/> when A does not have the field.</param>
/// <param name="Right">Side B's value as text; <see langword="null"/> when B does not have the field.</param>
/// <param name="Status">How the two compare.</param>
/// <param name="Note">An explanation, such as the time between two timestamps.</param>
public sealed record DiffRow(string Key, string Field, string? Left, string? Right, DiffStatus Status, string? Note = null)
{
    /// <summary>Whether the row is a difference worth highlighting.</summary>
    public bool IsDifference => Status is DiffStatus.Differs or DiffStatus.OnlyLeft or DiffStatus.OnlyRight;
}
