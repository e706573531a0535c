using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>
/// The body of <c>POST /api/pcrs/{index}/extend</c>: exactly one of <c>data</c> (hex) and
/// <c>text</c> (extended as its UTF-8 bytes). Unknown members are refused, so a typo is an error, not a
/// silent extend with nothing.
/// </summary>
/// <param name="Data">The bytes to extend with, as hex (white space, <c>:</c> and a leading <c>0x</c> are allowed).</param>
/// <param name="Text">Text to extend with, as its UTF-8 bytes.</param>
/// <param name="RecordData">Keep the data itself in the audit trail (default: only its SHA-384 and length).</param>
/// <param name="Private">When true, nothing keeps the data (the event log and the audit trail record only its SHA-384 and length).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExtendPcrBody(string? Data = null, string? Text = null, bool RecordData = false, bool? Private = null);
