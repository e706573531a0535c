using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Components;

namespace NsmDashboard.Web.Features.Attestation.DocumentView;

/// <summary>
/// The verdict on a document in one panel: valid or the first failure, the pinned root (never "AWS" for the
/// emulator's), the validation time with the reason it was chosen, the revocation note, and the exports:
/// the raw <c>.cbor</c>, base64, and the <c>nsm verify</c> command that repeats the check offline.
/// </summary>
public partial class AttestationVerdict
{
    /// <summary>The outcome to show.</summary>
    [Parameter, EditorRequired]
    public AttestationOutcome Outcome { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The file name offered for the download, from the document's timestamp.</summary>
    public string FileName => Outcome.Decoded?.Timestamp is { } time
        ? $"attestation-{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.cbor"
        : "attestation.cbor";

    // A data: URL keeps the download in the page: nothing is stored on the server, no endpoint is needed.
    private string DownloadHref => $"data:application/cbor;base64,{Outcome.Base64}";

    private string RootDownloadHref =>
        $"data:application/x-pem-file;base64,{Convert.ToBase64String(Encoding.ASCII.GetBytes(Outcome.TrustRoot.Certificate.ExportCertificatePem() + "\n"))}";

    private string RootFileName => Outcome.TrustRoot.Kind == AttestationTrustRootKind.Emulator ? "emulator-root.crt.pem" : "root.crt.pem";

    private string TimeKindText => Outcome.ValidationTime.Kind switch
    {
        AttestationValidationTimeKind.Now => "now",
        AttestationValidationTimeKind.DocumentTimestamp => "document's own time",
        _ => "specified",
    };

    private string NotAwsReason => Outcome.TrustRoot.Kind == AttestationTrustRootKind.Emulator
        ? "it chains to this dashboard's emulator, which signs with its own CA."
        : $"it chains to a root supplied by hand ({Outcome.TrustRoot.Subject}).";

    private Color TimeKindColor => Outcome.ValidationTime.Kind == AttestationValidationTimeKind.DocumentTimestamp ? Color.Info : Color.Default;

    private string VerifyCommand
    {
        get
        {
            var command = new StringBuilder($"nsm verify {FileName} --at {Iso(Outcome.ValidatedAt)}");
            if (Outcome.TrustRoot.Kind != AttestationTrustRootKind.Aws)
            {
                command.Append(" --root ").Append(RootFileName);
            }

            var policy = Outcome.Verification.Policy;
            if (policy.ExpectedPcrSets is [var only])
            {
                foreach (var (index, value) in only.Pcrs)
                {
                    command.Append(CultureInfo.InvariantCulture, $" --expect-pcr {index}={Convert.ToHexStringLower(value.Span)}");
                }
            }

            if (policy.ExpectedNonce is { } nonce)
            {
                command.Append(" --expect-nonce ").Append(Convert.ToHexStringLower(nonce.Span));
            }

            return command.ToString();
        }
    }

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task CopyBase64Async()
    {
        if (await Browser.CopyTextAsync(Outcome.Base64))
        {
            Snackbar.Add($"Copied the document as base64 ({Outcome.Base64.Length} characters)", Severity.Success);
        }
        else
        {
            Snackbar.Add("The browser refused to copy; use Download .cbor instead.", Severity.Warning);
        }
    }
}
