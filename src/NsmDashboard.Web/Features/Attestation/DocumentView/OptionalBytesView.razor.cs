using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// One optional field of a document (<c>public_key</c>, <c>user_data</c>, <c>nonce</c>), telling absent, null,
/// empty and filled apart (docs/attestation-document.md#payload): hex with a copy button, and the UTF-8 text when it is printable.
/// </summary>
public partial class OptionalBytesView
{
    private string? _text;

    /// <summary>The field as decoded.</summary>
    [Parameter, EditorRequired]
    public OptionalBytes Value { get; set; }

    /// <summary>The field's key, e.g. <c>public_key</c>.</summary>
    [Parameter, EditorRequired]
    public string Field { get; set; } = string.Empty;

    private string Hex => Convert.ToHexStringLower(Value.Value.Span);

    private string TestId => $"field-{Field.Replace('_', '-')}";

    private string KindName => Value.Kind.ToString().ToLowerInvariant();

    private string KindLabel => Value.Kind switch
    {
        OptionalBytesKind.Absent => "absent",
        OptionalBytesKind.Null => "null",
        OptionalBytesKind.Empty => "empty (0 bytes)",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value.Length} bytes"),
    };

    private Color KindColor => Value.Kind switch
    {
        OptionalBytesKind.Bytes => Color.Primary,
        OptionalBytesKind.Empty => Color.Info,
        _ => Color.Default,
    };

    /// <inheritdoc/>
    protected override void OnParametersSet() =>
        _text = PrintableText.TryDecode(Value.Value.Span, out var text) ? text : null;
}
