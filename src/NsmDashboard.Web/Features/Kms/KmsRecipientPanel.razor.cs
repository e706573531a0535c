using Microsoft.AspNetCore.Components;
using NsmDashboard.Kms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>
/// The Recipient tab: a key pair made in this circuit, a document binding its public key (an Operator's request,
/// through the audited gate), the <c>aws kms decrypt --recipient</c> command, and the pasted CiphertextForRecipient
/// opened here. The key pair is this component's alone and is destroyed when it is disposed.
/// </summary>
public sealed partial class KmsRecipientPanel : IDisposable
{
    private RecipientKeyPair? _pair;
    private string? _documentBase64;
    private string? _root;
    private string? _ciphertext;
    private RecipientDecryption? _decryption;
    private string? _denied;
    private string? _error;
    private string? _decryptError;
    private NsmException? _nsmError;
    private bool _busy;

    [Inject]
    private KmsPolicyService Kms { get; set; } = default!;

    [Inject]
    private NsmOperations Operations { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <inheritdoc/>
    public void Dispose() => Forget();

    /// <inheritdoc/>
    protected override void OnInitialized() =>
        _denied = Operations.WhyDenied(Session.Caller, NsmOperationKind.Attestation, new AttestationRequest(PublicKey: new byte[1]));

    private async Task StartAsync()
    {
        Forget();
        _busy = true;
        _error = null;
        _nsmError = null;
        var pair = RecipientKeyPair.Create();
        try
        {
            var outcome = await Kms.RequestRecipientDocumentAsync(pair, Session.Caller);
            _pair = pair;
            pair = null;
            _documentBase64 = outcome.Base64;
            _root = outcome.TrustRoot.Name;
        }
        catch (KmsInputException e)
        {
            _error = e.Message;
        }
        catch (NsmAccessDeniedException e)
        {
            _error = e.Message;
        }
        catch (NsmException e)
        {
            _nsmError = e;
        }
        finally
        {
            pair?.Dispose();
            _busy = false;
        }
    }

    private void Decrypt()
    {
        _decryption = null;
        _decryptError = null;
        if (_pair is null)
        {
            _decryptError = "There is no key pair any more; start again.";
            return;
        }

        try
        {
            _decryption = _pair.Decrypt(_ciphertext ?? string.Empty);
        }
        catch (RecipientException e)
        {
            _decryptError = e.Message;
        }
    }

    private void Forget()
    {
        _pair?.Dispose();
        _pair = null;
        _documentBase64 = null;
        _root = null;
        _ciphertext = null;
        _decryption = null;
        _decryptError = null;
    }
}
