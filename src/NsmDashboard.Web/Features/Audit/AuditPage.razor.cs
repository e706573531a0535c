using Microsoft.AspNetCore.Components;
using NsmDashboard.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Audit;

/// <summary>
/// The audit trail (<see cref="AuditTrail"/>), newest first, filtered by user, operation and time, updated as
/// operations happen; "Export JSON" downloads the same filter from <c>GET /api/audit</c>.
/// </summary>
public sealed partial class AuditPage : IDisposable
{
    private AuditSnapshot _snapshot = new(0, 0, []);
    private IReadOnlyList<AuditEntry> _entries = [];
    private string? _user;
    private string _operation = string.Empty;
    private string? _from;
    private string? _to;
    private string? _timeError;

    [Inject]
    private AuditTrail Trail { get; set; } = default!;

    /// <summary>The export link: <c>api/audit</c> with the current filter and <c>download=true</c>.</summary>
    public string ExportUrl
    {
        get
        {
            var query = new List<string> { "download=true" };
            Add(query, "user", _user);
            Add(query, "operation", _operation);
            Add(query, "from", _from);
            Add(query, "to", _to);
            return "api/audit?" + string.Join('&', query);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Trail.Added -= OnAdded;

    /// <inheritdoc/>
    protected override void OnInitialized()
    {
        Trail.Added += OnAdded;
        Refresh();
    }

    private void OnAdded(AuditEntry entry) => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private void SetOperation(string operation)
    {
        _operation = operation;
        Refresh();
    }

    private void Refresh()
    {
        _timeError = null;
        DateTimeOffset? from = null, to = null;
        if (!TryParse(_from, out from) || !TryParse(_to, out to))
        {
            _timeError = "Give a time such as 2026-01-31T12:00:00Z.";
            return;
        }

        NsmOperationKind? kind = Enum.TryParse<NsmOperationKind>(_operation, out var parsed) ? parsed : null;
        _snapshot = Trail.Query(new AuditQuery(_user, kind, from, to));
        _entries = _snapshot.Entries.Reverse().ToArray();
    }

    private static bool TryParse(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // The one ISO 8601 reading every surface uses for times (nothing culture-dependent); no offset means UTC.
        if (AttestationValidationTime.TryParseTime(text, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    private static string Short(string? hex) => hex is { Length: > 16 } ? string.Concat(hex.AsSpan(0, 16), "…") : hex ?? string.Empty;

    private static string OutcomeClass(string outcome) => "audit-outcome audit-outcome-" + outcome.ToLowerInvariant();
}
