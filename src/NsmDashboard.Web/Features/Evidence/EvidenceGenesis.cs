using NsmDashboard.Evidence.Chain;
using NsmDashboard.Nsm;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>
/// Where this run's chains begin: the module id DescribeNSM reports (the enclave) and the time this dashboard
/// started, with a fresh random process id per chain, so that two runs of the same enclave never chain into each
/// other (docs/audit-trail.md, "Genesis").
/// </summary>
public sealed partial class EvidenceGenesis
{
    /// <summary>The module id a genesis names when DescribeNSM could not be asked (a checkpoint will then not match it).</summary>
    public const string UnknownModule = "unknown (DescribeNSM failed)";

    private readonly NsmClient? _client;
    private readonly ILogger<EvidenceGenesis>? _logger;
    private readonly Lock _lock = new();
    private string? _moduleId;

    /// <summary>The genesis source of a running dashboard.</summary>
    public EvidenceGenesis(NsmClient client, TimeProvider timeProvider, ILogger<EvidenceGenesis> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _logger = logger;
        Started = timeProvider.GetUtcNow();
    }

    private EvidenceGenesis(string moduleId, DateTimeOffset started)
    {
        _moduleId = moduleId;
        Started = started;
    }

    /// <summary>When this dashboard started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>A source for stores built outside a running dashboard (component tests): a fixed module id, started now.</summary>
    public static EvidenceGenesis Detached(string moduleId = "detached") => new(moduleId, DateTimeOffset.UtcNow);

    /// <summary>The genesis of a new chain of <paramref name="stream"/> for this run.</summary>
    public ChainGenesis Create(EvidenceLog stream) => ChainGenesis.Create(stream, ModuleId(), Started);

    private string ModuleId()
    {
        lock (_lock)
        {
            if (_moduleId is null)
            {
                try
                {
                    // Asked once, at start: the NSM answers in microseconds, and every transport is synchronous underneath.
                    _moduleId = _client!.DescribeNsmAsync().AsTask().GetAwaiter().GetResult().ModuleId;
                }
                catch (NsmException e)
                {
                    LogNoModuleId(_logger!, e);
                    _moduleId = UnknownModule;
                }
            }

            return _moduleId;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail and event log begin without a module id: DescribeNSM failed; their checkpoints will not match them")]
    private static partial void LogNoModuleId(ILogger logger, Exception exception);
}
