using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Api.Contracts;

/// <summary>
/// The body of <c>POST /api/pcrs/{index}/extend</c>: exactly one of <c>data</c> (hex) and
/// <c>text</c> (extended as its UTF-8 bytes). Unknown members are refused, so a typo is an error, not a
/// silent extend with nothing.
/// </summary>
/// <param name="Data">The bytes to extend with, as hex (white space, <c>:</c> and a leading <c>0x</c> are allowed).</param>
/// <param name="Text">Text to extend with, as its UTF-8 bytes.</param>
/// <param name="Private">When true, the event log records only the data's SHA-384 and length, not the data.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExtendPcrBody(string? Data = null, string? Text = null, bool? Private = null);
