using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>One extend of the what-if sandbox: the data, how it was given, and a short label for people.</summary>
/// <param name="Id">Identifies the step while it moves around the list (positions change, ids do not).</param>
/// <param name="Kind">How the data was given: text (UTF-8), hex or a file.</param>
/// <param name="Label">What the operator gave: the text, the hex, or the file name.</param>
/// <param name="Data">The bytes the step extends with.</param>
public sealed record SandboxStep(int Id, ExtendInputKind Kind, string Label, ReadOnlyMemory<byte> Data)
{
    /// <summary>The data as lowercase hex.</summary>
    public string DataHex => Convert.ToHexStringLower(Data.Span);
}
