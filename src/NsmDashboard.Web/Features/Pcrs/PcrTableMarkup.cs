using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;
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
    private const int CachedPcrs = NsmLimits.PcrCount;

    /// <summary>MudButton's classes for Extend: small, outlined, primary.</summary>
    public const string ExtendClasses = MudClasses.ButtonOutlinedPrimarySmall;

    /// <summary>MudButton's classes for Lock: small, text, warning.</summary>
    public const string LockClasses = MudClasses.ButtonTextWarningSmall;

    /// <summary>The State cell of a locked PCR: its lock badge.</summary>
    public static MarkupString LockedState { get; } = StateCell(
        MudClasses.ChipOutlinedSmall, "lock-badge", Icons.Material.Filled.Lock, "Locked");

    /// <summary>The State cell of an unlocked PCR.</summary>
    public static MarkupString UnlockedState { get; } = StateCell(
        MudClasses.ChipTextSuccessSmall, "unlocked-badge", Icons.Material.Filled.LockOpen, "Unlocked");

    /// <summary>The table's head: one markup frame, as the static markup it replaces.</summary>
    public static MarkupString Head { get; } = new(
        $"<thead class=\"{MudClasses.TableHead}\"><tr class=\"{MudClasses.TableRow}\">"
        + $"<th scope=\"col\" class=\"{MudClasses.TableCell} col-index\">PCR</th>"
        + $"<th scope=\"col\" class=\"{MudClasses.TableCell} col-meaning\">Meaning</th>"
        + $"<th scope=\"col\" class=\"{MudClasses.TableCell}\">Value</th>"
        + $"<th scope=\"col\" class=\"{MudClasses.TableCell} col-state\">State</th>"
        + $"<th scope=\"col\" class=\"{MudClasses.TableCell} col-actions\">Actions</th>"
        + "</tr></thead>");

    /// <summary>The note after an all-zero value.</summary>
    public static MarkupString ZeroNote { get; } = new("<span class=\"pcr-zero\" title=\"All 48 bytes are zero: never extended\">zero</span>");

    /// <summary>The Extend button's content: label with icon.</summary>
    public static MarkupString ExtendContent { get; } = ButtonContent(Icons.Material.Filled.Add, "Extend");

    /// <summary>The Lock button's content: label with icon.</summary>
    public static MarkupString LockContent { get; } = ButtonContent(Icons.Material.Filled.Lock, "Lock");

    /// <summary>A value's expand button's content.</summary>
    public static MarkupString MoreContent { get; } = new($"<span class=\"{MudClasses.IconButtonLabel}\">{HexValue.MoreIcon}</span>");

    /// <summary>A value's collapse button's content.</summary>
    public static MarkupString LessContent { get; } = new($"<span class=\"{MudClasses.IconButtonLabel}\">{HexValue.LessIcon}</span>");

    /// <summary>A value's copy button's content.</summary>
    public static MarkupString CopyContent { get; } = new($"<span class=\"{MudClasses.IconButtonLabel}\">{HexValue.CopyIcon}</span>");

    // Last of the static fields: rows are built from the icons above (static fields initialize in text order).
    private static readonly RowText[] Rows = [.. Enumerable.Range(0, CachedPcrs).Select(i => new RowText((ushort)i))];

    /// <summary>The texts and markup of one row.</summary>
    public static RowText For(ushort index) => index < CachedPcrs ? Rows[index] : new RowText(index);

    private static MarkupString StateCell(string classes, string testId, string icon, string text) => new(
        $"<td data-label=\"State\" class=\"{MudClasses.TableCell}\"><div class=\"{MudClasses.ChipContainer}\"><div class=\"{classes} lock-badge\" data-testid=\"{testId}\">"
        + $"{StaticIcon.Svg(icon, MudClasses.ChipIconSmall)}<span class=\"{MudClasses.ChipContent}\">{text}</span></div></div></td>");

    // The Actions cell of a locked PCR: both buttons disabled, the reason in the tooltip of their wrappers
    // (a disabled button shows no tooltip of its own). Nothing in it can be clicked, so it needs no handlers.
    private static MarkupString LockedActionsCell(string title, string extendLabel, string lockLabel)
    {
        var encodedTitle = WebUtility.HtmlEncode(title);
        return new(
            $"<td data-label=\"Actions\" class=\"{MudClasses.TableCell}\"><div class=\"pcr-actions\">"
            + $"<span title=\"{encodedTitle}\"><button type=\"button\" class=\"{ExtendClasses}\" disabled aria-label=\"{extendLabel}\" data-testid=\"extend-button\">"
            + $"{ExtendContent}</button></span>"
            + $"<span title=\"{encodedTitle}\"><button type=\"button\" class=\"{LockClasses}\" disabled aria-label=\"{lockLabel}\" data-testid=\"lock-button\">"
            + $"{LockContent}</button></span></div></td>");
    }

    private static MarkupString ButtonContent(string icon, string text) => new(
        $"<span class=\"{MudClasses.ButtonLabel}\"><span class=\"{MudClasses.ButtonStartIconSmall}\">{StaticIcon.Svg(icon, MudClasses.IconSmall)}</span>{text}</span>");

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
                $"<td data-label=\"PCR\" class=\"{MudClasses.TableCell}\"><span class=\"pcr-index\">{index}</span></td>"
                + $"<td data-label=\"Meaning\" class=\"{MudClasses.TableCell}\"><div class=\"pcr-meaning\">{WebUtility.HtmlEncode(AttestationPcrMeanings.Title(AttestationDocumentKind.NitroEnclave, index))}</div>"
                + $"<div class=\"pcr-meaning-detail\">{WebUtility.HtmlEncode(AttestationPcrMeanings.Description(AttestationDocumentKind.NitroEnclave, index))}</div></td>");
            var row = $"{MudClasses.TableRow} pcr-row pcr-row-{index}";
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
