using Microsoft.Extensions.Options;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Nsm;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Evidence;

/// <summary>
/// The checkpoints of the audit trail and the event log (docs/audit-trail.md, "Checkpoints"): taken on request, by the
/// dashboard itself every <see cref="AuditOptions.CheckpointInterval"/> when a chain grew, and as it stops (SIGTERM:
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>), always through <see cref="NsmOperations"/> on the
/// dashboard's own account. The latest <see cref="AuditOptions.CheckpointsKept"/> of its own are kept and exported.
/// </summary>
public sealed partial class EvidenceCheckpoints : BackgroundService
{
    // How long stopping may wait for the shutdown checkpoints (the host's own shutdown timeout is longer).
    private static readonly TimeSpan ShutdownBudget = TimeSpan.FromSeconds(5);

    // The event log first: its checkpoint adds a record to the audit trail, which the audit checkpoint then proves.
    private static readonly EvidenceLog[] Streams = [EvidenceLog.EventLog, EvidenceLog.Audit];

    private readonly NsmOperations _operations;
    private readonly AuditTrail _audit;
    private readonly PcrEventLog _eventLog;
    private readonly AuditOptions _options;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EvidenceCheckpoints> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<EvidenceLog, List<CheckpointLine>> _kept = new() { [EvidenceLog.Audit] = [], [EvidenceLog.EventLog] = [] };
    private readonly Dictionary<EvidenceLog, CheckpointLine> _latest = [];
    private readonly Dictionary<EvidenceLog, long> _quietHead = new() { [EvidenceLog.Audit] = -1, [EvidenceLog.EventLog] = -1 };
    private readonly TaskCompletionSource _shutdownTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _stopping;

    /// <summary>Creates the service.</summary>
    public EvidenceCheckpoints(
        NsmOperations operations,
        AuditTrail audit,
        PcrEventLog eventLog,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<EvidenceCheckpoints> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _operations = operations;
        _audit = audit;
        _eventLog = eventLog;
        _options = options.Value;
        _lifetime = lifetime;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised after a checkpoint is taken (on the taking thread; handlers must be quick).</summary>
    public event Action<CheckpointLine>? Taken;

    /// <summary>Cancelled when the dashboard begins to stop (SIGTERM); never without a host.</summary>
    public CancellationToken Stopping => _lifetime?.ApplicationStopping ?? CancellationToken.None;

    /// <summary>Completes once the shutdown checkpoints are taken (or given up), so exports still open can carry them.</summary>
    public Task ShutdownCheckpointsTaken => _shutdownTaken.Task;

    /// <summary>The chain of a stream.</summary>
    public ChainHead Head(EvidenceLog stream) => stream == EvidenceLog.Audit ? _audit.Chain.Head : _eventLog.Chain.Head;

    /// <summary>The checkpoints the dashboard took on its own for a stream, oldest first.</summary>
    public IReadOnlyList<CheckpointLine> Kept(EvidenceLog stream)
    {
        lock (_lock)
        {
            return [.. _kept[stream]];
        }
    }

    /// <summary>The newest checkpoint taken for a stream, for any reason; null before the first.</summary>
    public CheckpointLine? Latest(EvidenceLog stream)
    {
        lock (_lock)
        {
            return _latest.GetValueOrDefault(stream);
        }
    }

    /// <summary>When the newest checkpoint of a stream was taken (the document's time); null before the first.</summary>
    public DateTimeOffset? LatestTime(EvidenceLog stream) => Latest(stream) is { } line ? TimeOf(line) : null;

    /// <summary>Takes a checkpoint now (the checkpoint route's).</summary>
    /// <param name="stream">Which chain.</param>
    /// <param name="nonce">The caller's nonce, or null.</param>
    /// <param name="taken">Why.</param>
    /// <param name="address">The requester's address, for the audit record.</param>
    /// <param name="cancellationToken">Cancels waiting for the NSM gate.</param>
    /// <exception cref="NsmException">The NSM refused or failed.</exception>
    /// <exception cref="NsmAccessDeniedException">The dashboard's own rate limit refused it.</exception>
    public async Task<CheckpointLine> TakeAsync(EvidenceLog stream, byte[]? nonce, string taken, string? address, CancellationToken cancellationToken = default)
    {
        var caller = NsmCaller.Server(CheckpointCallers.Purpose(stream)) with { Address = address };
        var line = await _operations.AttestCheckpointAsync(() => Head(stream), nonce, taken, caller, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _latest[stream] = line;
            if (taken is CheckpointLine.TakenOnInterval or CheckpointLine.TakenAtShutdown)
            {
                var kept = _kept[stream];
                kept.Add(line);
                if (kept.Count > Math.Max(1, _options.CheckpointsKept))
                {
                    kept.RemoveAt(0);
                }
            }
        }

        Taken?.Invoke(line);
        return line;
    }

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Stopping fires before the server stops: a follower still connected can receive the last checkpoint.
        if (_lifetime is not null)
        {
            _stopping = _lifetime.ApplicationStopping.Register(TakeAtShutdown);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.DisposeAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.CheckpointInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.CheckpointInterval, _timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await TakeWhereGrownAsync(CheckpointLine.TakenOnInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    // A checkpoint of each chain that grew since the last one the dashboard took itself. Each checkpoint adds its own
    // record to the audit trail; a trail that grew only by those has nothing new to prove.
    private async Task TakeWhereGrownAsync(string taken, CancellationToken cancellationToken)
    {
        foreach (var stream in Streams)
        {
            long quiet;
            lock (_lock)
            {
                quiet = _quietHead[stream];
            }

            if (Head(stream).Sequence == quiet)
            {
                continue;
            }

            try
            {
                await TakeAsync(stream, null, taken, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NsmException or NsmAccessDeniedException)
            {
                LogCheckpointFailed(stream.Name(), taken, e);
            }
        }

        lock (_lock)
        {
            _quietHead[EvidenceLog.Audit] = _audit.Chain.Head.Sequence;
            _quietHead[EvidenceLog.EventLog] = _eventLog.Chain.Head.Sequence;
        }
    }

    private void TakeAtShutdown()
    {
        using var budget = new CancellationTokenSource(ShutdownBudget);
        try
        {
            TakeWhereGrownAsync(CheckpointLine.TakenAtShutdown, budget.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(ShutdownBudget.TotalSeconds);
        }
        finally
        {
            _shutdownTaken.TrySetResult();
        }
    }

    private static DateTimeOffset? TimeOf(CheckpointLine line) =>
        NsmDashboard.Attestation.AttestationDocument.TryDecode(line.Document.Span, out var document, out _) ? document.Timestamp : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Stream} checkpoint ({Taken}) could not be taken")]
    private partial void LogCheckpointFailed(string stream, string taken, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shutdown checkpoints were not taken within {Seconds} s")]
    private partial void LogShutdownTimedOut(double seconds);
}
