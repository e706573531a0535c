using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// The parts of <see cref="PcrTable"/>'s rows that depend only on the PCR index or on the lock state, built once
/// per process as markup and text and shared by every circuit: a circuit keeps each row's render frames for as
/// long as the page is open, and a shared string costs it one reference instead of a copy
/// (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit"). Classes are MudBlazor's (<c>MudTd</c>,
/// <c>MudChip</c>, <c>MudButton</c>), so the table looks as MudBlazor's own.
/// </summary>
internal static class PcrTableMarkup
{
    /// <summary>The PCRs an NSM has (DescribeNSM's <c>max_pcrs</c> is 32); other indices are built on demand.</summary>
    private const int CachedPcrs = 32;

    /// <summary>MudButton's classes for Extend: small, outlined, primary.</summary>
    public const string ExtendClasses = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";

    /// <summary>MudButton's classes for Lock: small, text, warning.</summary>
    public const string LockClasses = "mud-button-root mud-button mud-button-text mud-button-text-warning mud-button-text-size-small mud-ripple";

    /// <summary>The State cell of a locked PCR: its lock badge.</summary>
    public static MarkupString LockedState { get; } = StateCell(
        "mud-chip-outlined mud-chip-size-small mud-chip-color-default", "lock-badge", Icons.Material.Filled.Lock, "Locked");

    /// <summary>The State cell of an unlocked PCR.</summary>
    public static MarkupString UnlockedState { get; } = StateCell(
        "mud-chip-text mud-chip-size-small mud-chip-color-success", "unlocked-badge", Icons.Material.Filled.LockOpen, "Unlocked");

    /// <summary>The note after an all-zero value.</summary>
    public static MarkupString ZeroNote { get; } = new("<span class=\"pcr-zero\" title=\"All 48 bytes are zero: never extended\">zero</span>");

    /// <summary>The Extend button's content: label with icon.</summary>
    public static MarkupString ExtendContent { get; } = ButtonContent(Icons.Material.Filled.Add, "Extend");

    /// <summary>The Lock button's content: label with icon.</summary>
    public static MarkupString LockContent { get; } = ButtonContent(Icons.Material.Filled.Lock, "Lock");

    /// <summary>A value's expand button's content.</summary>
    public static MarkupString MoreContent { get; } = new($"<span class=\"mud-icon-button-label\">{HexValue.MoreIcon}</span>");

    /// <summary>A value's collapse button's content.</summary>
    public static MarkupString LessContent { get; } = new($"<span class=\"mud-icon-button-label\">{HexValue.LessIcon}</span>");

    /// <summary>A value's copy button's content.</summary>
    public static MarkupString CopyContent { get; } = new($"<span class=\"mud-icon-button-label\">{HexValue.CopyIcon}</span>");

    // Last of the static fields: rows are built from the icons above (static fields initialize in text order).
    private static readonly RowText[] Rows = [.. Enumerable.Range(0, CachedPcrs).Select(i => new RowText((ushort)i))];

    /// <summary>The texts and markup of one row.</summary>
    public static RowText For(ushort index) => index < CachedPcrs ? Rows[index] : new RowText(index);

    private static MarkupString StateCell(string classes, string testId, string icon, string text) => new(
        $"<td data-label=\"State\" class=\"mud-table-cell\"><div class=\"mud-chip-container\"><div class=\"mud-chip {classes} lock-badge\" data-testid=\"{testId}\">"
        + $"{StaticIcon.Svg(icon, "mud-icon-size-small mud-chip-icon")}<span class=\"mud-chip-content\">{text}</span></div></div></td>");

    // The Actions cell of a locked PCR: both buttons disabled, the reason in the tooltip of their wrappers
    // (a disabled button shows no tooltip of its own). Nothing in it can be clicked, so it needs no handlers.
    private static MarkupString LockedActionsCell(string title, string extendLabel, string lockLabel)
    {
        var encodedTitle = WebUtility.HtmlEncode(title);
        return new(
            "<td data-label=\"Actions\" class=\"mud-table-cell\"><div class=\"pcr-actions\">"
            + $"<span title=\"{encodedTitle}\"><button type=\"button\" class=\"{ExtendClasses}\" disabled aria-label=\"{extendLabel}\" data-testid=\"extend-button\">"
            + $"{ExtendContent}</button></span>"
            + $"<span title=\"{encodedTitle}\"><button type=\"button\" class=\"{LockClasses}\" disabled aria-label=\"{lockLabel}\" data-testid=\"lock-button\">"
            + $"{LockContent}</button></span></div></td>");
    }

    private static MarkupString ButtonContent(string icon, string text) => new(
        $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-small\">{StaticIcon.Svg(icon, "mud-icon-size-small")}</span>{text}</span>");

    /// <summary>What a row shows that depends on its index only.</summary>
    public sealed class RowText
    {
        private readonly string[] _rowClasses;

        public RowText(ushort index)
        {
            Label = $"PCR{index}";
            ExpandLabel = $"Show the full PCR{index}";
            CollapseLabel = $"Show less of PCR{index}";
            CopyLabel = $"Copy PCR{index}";
            ExtendLabel = $"Extend PCR{index}";
            LockLabel = $"Lock PCR{index}";
            LockedTitle = PcrTable.ActionTitle(new PcrState(index, true, ReadOnlyMemory<byte>.Empty), "Extend");
            ExtendTitle = PcrTable.ActionTitle(new PcrState(index, false, ReadOnlyMemory<byte>.Empty), "Extend");
            LockTitle = PcrTable.ActionTitle(new PcrState(index, false, ReadOnlyMemory<byte>.Empty), "Lock");
            LockedActions = LockedActionsCell(LockedTitle, ExtendLabel, LockLabel);
            Heading = new(
                $"<td data-label=\"PCR\" class=\"mud-table-cell\"><span class=\"pcr-index\">{index}</span></td>"
                + $"<td data-label=\"Meaning\" class=\"mud-table-cell\"><div class=\"pcr-meaning\">{WebUtility.HtmlEncode(PcrMeanings.Title(index))}</div>"
                + $"<div class=\"pcr-meaning-detail\">{WebUtility.HtmlEncode(PcrMeanings.Description(index))}</div></td>");
            var row = $"mud-table-row pcr-row pcr-row-{index}";
            _rowClasses = [row, row + " pcr-row-locked", row + " pcr-row-changed", row + " pcr-row-locked pcr-row-changed"];
        }

        /// <summary>The PCR's name for screen readers and messages ("PCR16").</summary>
        public string Label { get; }

        /// <summary>The value's expand button's accessible name, collapsed.</summary>
        public string ExpandLabel { get; }

        /// <summary>The value's expand button's accessible name, expanded.</summary>
        public string CollapseLabel { get; }

        /// <summary>The value's copy button's accessible name.</summary>
        public string CopyLabel { get; }

        /// <summary>The Extend button's accessible name.</summary>
        public string ExtendLabel { get; }

        /// <summary>The Lock button's accessible name.</summary>
        public string LockLabel { get; }

        /// <summary>Why both actions are disabled on a locked PCR.</summary>
        public string LockedTitle { get; }

        /// <summary>What Extend does.</summary>
        public string ExtendTitle { get; }

        /// <summary>What Lock does.</summary>
        public string LockTitle { get; }

        /// <summary>The Actions cell when the PCR is locked.</summary>
        public MarkupString LockedActions { get; }

        /// <summary>The index and meaning cells.</summary>
        public MarkupString Heading { get; }

        /// <summary>The row's classes: index, locked, just changed.</summary>
        public string RowClasses(bool locked, bool changed) => _rowClasses[(locked ? 1 : 0) + (changed ? 2 : 0)];
    }
}
