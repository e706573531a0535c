using System.Globalization;
using Microsoft.AspNetCore.Components;
using NsmDashboard.Kms;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>The Generate tab: the condition block pinning chosen PCRs of this enclave, a document or measurements.</summary>
public sealed partial class KmsGeneratePanel
{
    private KmsSource _source = KmsSource.Live;
    private string? _document;
    private string? _measurements;
    private string? _pcrs;
    private string? _principal;
    private bool _busy;
    private string? _inputError;
    private NsmException? _nsmError;
    private KmsPolicyGeneration? _generation;

    [Inject]
    private KmsPolicyService Kms { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    /// <summary>"0,1,2" → [0, 1, 2]; empty → the defaults.</summary>
    internal static IReadOnlyCollection<int>? ParsePcrs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var list = new List<int>();
        foreach (var part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var digits = part.StartsWith("PCR", StringComparison.OrdinalIgnoreCase) ? part[3..] : part;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 255)
            {
                throw new KmsInputException("pcrs", $"'{part}' is not a PCR number (write e.g. 0,1,2).");
            }

            list.Add(index);
        }

        return list;
    }

    private async Task GenerateAsync()
    {
        _busy = true;
        _inputError = null;
        _nsmError = null;
        _generation = null;
        try
        {
            var pcrs = ParsePcrs(_pcrs);
            var evidence = _source switch
            {
                KmsSource.Live => await Kms.LiveEvidenceAsync(Session.Caller),
                KmsSource.Document => KmsPolicyService.DocumentEvidence(_document),
                _ => KmsPolicyService.MeasurementsEvidence(_measurements),
            };
            _generation = KmsPolicyService.Generate(evidence, new KmsPolicyGenerationOptions
            {
                Pcrs = pcrs,
                Principal = string.IsNullOrWhiteSpace(_principal) ? KmsPolicyGenerationOptions.PrincipalPlaceholder : _principal.Trim(),
            });
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
