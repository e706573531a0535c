using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// Requests an attestation document from this dashboard's NSM (through <see cref="NsmOperations"/>, audited) and
/// shows it whole: verdict, fields, checks, PCRs beside their live values, and the chain.
/// </summary>
public sealed partial class AttestationPage : IDisposable
{
    // A PEM certificate or key is a few kilobytes; anything far larger is not a key file.
    private const int MaxKeyFileSize = 64 * 1024;

    private readonly AttestationRequestForm _form = new();
    private AttestationOutcome? _outcome;
    private IReadOnlyList<PcrState>? _livePcrs;
    private DateTimeOffset? _requestedAt;
    private bool _busy;
    private NsmException? _error;
    private IDisposable? _subscription;
    private string? _credentialDenied;

    [Inject]
    private AttestationService Service { get; set; } = default!;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private PcrChangeNotifier Notifier { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    /// <summary>The tab's sign-in; when it changes (the session ended), the page renders again with what the role now allows.</summary>
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => _subscription?.Dispose();

    /// <inheritdoc/>
    protected override void OnParametersSet() =>
        // A Viewer may send a nonce only: user_data and public_key stay at None, disabled with the reason (again whenever
        // the sign-in changes).
        _credentialDenied = Operations.WhyDenied(
            Session.Caller, NsmOperationKind.Attestation, new AttestationRequest(UserData: ReadOnlyMemory<byte>.Empty));

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        // The live column follows every PCR change made anywhere, so "different" appears as soon as it is true.
        _subscription = Notifier.Subscribe(change => _ = InvokeAsync(() =>
        {
            if (_livePcrs is not null)
            {
                var pcrs = _livePcrs.ToArray();
                foreach (var pcr in change.Pcrs.Where(p => p.Index < pcrs.Length))
                {
                    pcrs[pcr.Index] = pcr;
                }

                _livePcrs = pcrs;
                StateHasChanged();
            }
        }));
    }

    private static string SizeText(byte[]? bytes) =>
        bytes is null ? "—" : $"{bytes.Length} / {Nsm.Protocol.NsmLimits.AttestationFieldMaxSize} bytes";

    private void SetNonceMode(AttestationFieldMode mode) => _form.NonceMode = mode;

    private void SetUserDataMode(AttestationFieldMode mode) => _form.UserDataMode = mode;

    private void SetPublicKeyMode(AttestationFieldMode mode) => _form.PublicKeyMode = mode;

    private async Task OnPublicKeyFileAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxKeyFileSize)
        {
            _form.RejectPublicKeyFile(file.Name, $"{file.Name} is {file.Size} bytes: too large for a public key file.");
            return;
        }

        try
        {
            await using var stream = file.OpenReadStream(maxAllowedSize: MaxKeyFileSize);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            _form.SetPublicKeyFile(file.Name, buffer.ToArray());
        }
        catch (IOException ex)
        {
            _form.RejectPublicKeyFile(file.Name, $"{file.Name} could not be read: {ex.Message}");
        }
    }

    private async Task RequestAsync()
    {
        if (!_form.TryBuild(out var request, out _))
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            _outcome = await Service.RequestAsync(request, Session.Caller, CancellationToken.None);
            _requestedAt = Time.GetUtcNow();
            _livePcrs = (await State.GetSnapshotAsync()).Pcrs;

            // A fresh nonce for the next request: reusing one would defeat its purpose.
            if (_form.NonceMode == AttestationFieldMode.Generated)
            {
                _form.RegenerateNonce();
            }
        }
        catch (NsmException ex)
        {
            _error = ex;
        }
        finally
        {
            _busy = false;
        }
    }
}
