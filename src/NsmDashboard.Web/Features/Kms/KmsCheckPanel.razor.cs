using Microsoft.AspNetCore.Components;
using NsmDashboard.Kms;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>The Check tab: a pasted key policy read against this enclave's document or a pasted one.</summary>
public sealed partial class KmsCheckPanel
{
    private string? _policy;
    private string? _document;
    private KmsSource _source = KmsSource.Live;
    private bool _busy;
    private string? _inputError;
    private NsmException? _nsmError;
    private KeyPolicyCheck? _check;

    [Inject]
    private KmsPolicyService Kms { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    private static string Mark(ConditionOutcome outcome) => outcome switch
    {
        ConditionOutcome.Holds => "✓",
        ConditionOutcome.Fails => "✗",
        _ => "·",
    };

    private static string FindingClass(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "kms-finding kms-error",
        FindingSeverity.Warning => "kms-finding kms-warning",
        _ => "kms-finding",
    };

    private static string Decision(ExpectedDecision decision, IReadOnlyList<string> statements) => decision switch
    {
        ExpectedDecision.Allow => $"allow ({string.Join(", ", statements)})",
        ExpectedDecision.ExplicitDeny => $"deny ({string.Join(", ", statements)})",
        _ => "refused: nothing allows it",
    };

    private async Task CheckAsync()
    {
        _busy = true;
        _inputError = null;
        _nsmError = null;
        _check = null;
        try
        {
            // The policy first: a malformed one is refused before the NSM is asked for anything.
            var policy = KmsPolicyService.ParsePolicy(_policy);
            var evidence = _source == KmsSource.Live
                ? await Kms.LiveEvidenceAsync(Session.Caller)
                : KmsPolicyService.DocumentEvidence(_document);
            _check = KeyPolicyChecker.Check(policy, evidence);
        }
        catch (KmsInputException e)
        {
            _inputError = e.Message;
        }
        catch (NsmAccessDeniedException e)
        {
            _inputError = e.Message;
        }
        catch (NsmException e)
        {
            _nsmError = e;
        }
        finally
        {
            _busy = false;
        }
    }
}
