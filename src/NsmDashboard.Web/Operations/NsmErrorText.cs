using System.Globalization;
using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// Turns NSM failures into text an operator can act on, always naming the NSM <c>ErrorCode</c> or the
/// errno, so that a message on screen can be matched with the spec, the driver and the logs.
/// </summary>
public static class NsmErrorText
{
    /// <summary>A one-line title such as <c>NSM error ReadOnlyIndex</c> or <c>Device error ENOENT (errno 2)</c>.</summary>
    public static string Title(NsmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            NsmDeviceException device => string.Create(
                CultureInfo.InvariantCulture,
                $"Device error {device.ErrnoName} (errno {device.Errno}) in {device.Operation}"),
            NsmProtocolException protocol => string.Create(
                CultureInfo.InvariantCulture,
                $"Protocol error {protocol.ErrorCode} at byte {protocol.Offset}"),
            NsmAccessDeniedException => "Not permitted",
            _ => $"NSM error {exception.ErrorCode}",
        };
    }

    /// <summary>What happened and what it means, in a sentence or two.</summary>
    public static string Detail(NsmException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var meaning = NsmException.Describe(exception.ErrorCode);
        return exception switch
        {
            NsmDeviceException => $"{exception.Message} The request did not reach the NSM (mapped to {exception.ErrorCode}: {meaning}).",
            NsmProtocolException => $"{exception.Message} The NSM's answer could not be understood.",
            NsmAccessDeniedException => $"{exception.Message} The dashboard refused the request; the NSM was not asked.",
            _ => $"The NSM refused the request: {meaning}.",
        };
    }
}
