using System.Globalization;
using System.Security.Cryptography;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>
/// <c>nsm audit pull</c>'s rounds (docs/audit-trail.md, "Pulling"): export from the file's cursor, verify each line
/// before appending it, then take a checkpoint with a fresh nonce, verify it, catch up to the record it attests and
/// append it. With <c>--follow</c>, the export is a long poll, so records are appended as they arrive; a checkpoint
/// follows at most once an interval when something new needs proof, the file is read back and verified from disk once
/// an interval, and a dashboard that restarts or cannot be reached is retried.
/// </summary>
internal sealed class TrailPuller(PullOptions options, TextWriter output, TextWriter error)
{
    private const int NonceBytes = 32;
    private const int CatchUpAttempts = 5;

    // Every checkpoint, the file's own included (on opening and on every read-back), must come from the expected
    // enclave: an enclave the parent runs could sign the head of records it forged.
    private readonly CheckpointVerifier _checkpoints = new(options.TrustRoot, options.Policy.Stored);
    private readonly DashboardAttestor _attestor = options.Attestor();
    private readonly PullCounter _counter = new(options.Stream);
    private readonly TimeProvider _clock = TimeProvider.System;
    private long? _lastCheckpoint;
    private long _lastReverify;

    /// <summary>Pulls until done (one round) or stopped (following).</summary>
    /// <exception cref="CliException">The file or what the dashboard sent breaks the trail (exit 1); no connection, no follow (exit 2).</exception>
    public async Task RunAsync(CancellationToken stop)
    {
        DashboardConnection? connection = null;
        try
        {
            // The dashboard proves itself (TLS binding, enclave policy) before the file is even opened: one that is
            // refused leaves the file as it was, or absent.
            connection = await FirstConnectionAsync(stop).ConfigureAwait(false);
            var verifier = new TrailVerifier(_checkpoints, _counter);
            using var file = PulledTrailFile.Open(options.OutPath, verifier, error);
            if (verifier.Stream is { } existing && existing != options.Stream)
            {
                throw CliException.Usage($"--out {options.OutPath} holds the {existing.Name()} stream; pull --stream {existing.Name()} into it, or use another file");
            }

            // What the file holds already is proven, or not, by what is in it; the first round takes a checkpoint anyway.
            _counter.ResetRound();
            _counter.ResetProof();
            connection = await PullAsync(connection, file, verifier, stop).ConfigureAwait(false);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    // Following, a dashboard that cannot be reached yet is retried by the rounds; otherwise that ends the pull (exit 2).
    private async Task<DashboardConnection?> FirstConnectionAsync(CancellationToken stop)
    {
        try
        {
            return await ConnectAsync(stop).ConfigureAwait(false);
        }
        catch (PullTransportException e) when (options.Follow && !stop.IsCancellationRequested)
        {
            error.WriteLine($"nsm: {e.Message}; retrying in {Seconds(options.Interval)} s");
            try
            {
                await Task.Delay(options.Interval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped while waiting: the rounds see the stop and end.
            }

            return null;
        }
        catch (PullTransportException) when (options.Follow)
        {
            // Stopped while the dashboard could not be reached: a stop, not a failure; nothing was written.
            return null;
        }
        catch (PullTransportException e)
        {
            throw CliException.Usage(e.Message, e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
    }

    // The rounds; returns the connection open at the end (the caller disposes it).
    private async Task<DashboardConnection?> PullAsync(DashboardConnection? connection, PulledTrailFile file, TrailVerifier verifier, CancellationToken stop)
    {
        try
        {
            for (var round = 1; ; round++)
            {
                var started = _clock.GetTimestamp();
                var pulled = 0L;
                try
                {
                    connection ??= await ConnectAsync(stop).ConfigureAwait(false);
                    pulled = await RoundAsync(connection, file, verifier, first: round == 1, stop).ConfigureAwait(false);
                }
                catch (PullTransportException e) when (options.Follow && !stop.IsCancellationRequested)
                {
                    error.WriteLine($"nsm: {e.Message}; retrying in {Seconds(options.Interval)} s");
                    connection?.Dispose();
                    connection = null;
                    await Task.Delay(options.Interval, stop).ConfigureAwait(false);
                    continue;
                }
                catch (PullTransportException) when (options.Follow)
                {
                    // Stopped while the dashboard could not be reached (it shut down, say): the file already ends on
                    // a whole, verified line, and there is no connection to take a last checkpoint over.
                    connection?.Dispose();
                    return null;
                }
                catch (PullTransportException e)
                {
                    throw CliException.Usage(e.Message, e);
                }

                if (!options.Follow)
                {
                    return connection;
                }

                Reverify(file);

                // A long poll spaces the rounds itself; a round that came back at once with nothing waits out the rest.
                var elapsed = _clock.GetElapsedTime(started);
                if (pulled == 0 && elapsed < options.Interval)
                {
                    await Task.Delay(options.Interval - elapsed, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped between two writes: the file ends on a whole, verified line. What came since the last
            // checkpoint gets one more, so the file ends proven.
            if (connection is not null && _counter.NeedingProof > 0)
            {
                await FinalCheckpointAsync(connection, file, verifier).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    // Once an interval, a follower reads its file back from disk: the parent it runs on could have changed it since.
    private void Reverify(PulledTrailFile file)
    {
        if (_lastReverify != 0 && _clock.GetElapsedTime(_lastReverify) < options.Interval)
        {
            return;
        }

        _lastReverify = _clock.GetTimestamp();
        if (file.Reverify(_checkpoints) is { } problem)
        {
            throw new CliException(ExitCode.Failure, $"{file.Path} no longer verifies on disk: {problem}. Nothing more is appended to it; keep it as evidence and pull into a new file.");
        }
    }

    private async Task FinalCheckpointAsync(DashboardConnection connection, PulledTrailFile file, TrailVerifier verifier)
    {
        using var budget = new CancellationTokenSource(options.Timeout);
        try
        {
            var proof = await CheckpointAsync(connection, file, verifier, budget.Token).ConfigureAwait(false);
            file.Commit();
            output.WriteLine($"checkpoint  {proof}");
        }
        catch (Exception e) when (e is PullTransportException or OperationCanceledException)
        {
            error.WriteLine($"nsm: stopped without a last checkpoint: {e.Message}");
        }
    }

    private async Task<DashboardConnection> ConnectAsync(CancellationToken stop)
    {
        var connection = await DashboardConnection.OpenAsync(options.Server, options.Token, _attestor, stop).ConfigureAwait(false);
        output.WriteLine($"connected   {options.Server.Authority}: {connection.Binding}");
        return connection;
    }

    // One export (a long poll when following), then a checkpoint when the file needs one: always the first time, and
    // at most once an interval when records that need proof came in. Returns the lines appended.
    private async Task<long> RoundAsync(DashboardConnection connection, PulledTrailFile file, TrailVerifier verifier, bool first, CancellationToken stop)
    {
        _counter.ResetRound();
        var wait = options.Follow && !first ? LongPoll(options) : TimeSpan.Zero;
        var lines = await PullRecordsAsync(connection, file, verifier, wait, stop).ConfigureAwait(false);
        string? proof = null;
        if (first || (_counter.NeedingProof > 0 && (_lastCheckpoint is not { } last || _clock.GetElapsedTime(last) >= options.Interval)))
        {
            proof = await CheckpointAsync(connection, file, verifier, stop).ConfigureAwait(false);
        }

        file.Commit();
        if (lines > 0 || proof is not null)
        {
            var records = _counter.First is { } firstRecord ? $" (records {N(firstRecord)}–{N(_counter.Last!.Value)})" : string.Empty;
            output.WriteLine($"pulled      {N(lines)} line(s){records} into {file.Path}; chain {verifier.CurrentChainId?.ToShortString()}… at record {N(verifier.CurrentSequence)}");
            if (proof is not null)
            {
                output.WriteLine($"checkpoint  {proof}");
            }

            output.Flush();
        }

        return lines;
    }

    // How long the dashboard may hold an export open: the interval, but well inside the read timeout.
    private static TimeSpan LongPoll(PullOptions options) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Floor(Math.Min(options.Interval.TotalSeconds, options.Timeout.TotalSeconds / 2))));

    // Appends every line of one export from the file's cursor, each verified first; returns how many.
    private async Task<long> PullRecordsAsync(DashboardConnection connection, PulledTrailFile file, TrailVerifier verifier, TimeSpan wait, CancellationToken stop)
    {
        var after = verifier.CurrentChainId is null ? -1 : verifier.CurrentSequence;
        using var response = await connection.ExportAsync(options.Stream, after, verifier.CurrentChainId, wait, stop).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var reader = new TrailLineReader(body);
            long lines = 0;
            try
            {
                while (await ReadLineAsync(reader, connection.ReadTimeout, stop).ConfigureAwait(false) is { } line)
                {
                    if (reader.EndedInsideLine)
                    {
                        throw new PullTransportException($"{options.Server.Authority}: the export ended inside a line (the connection was cut)");
                    }

                    if (!verifier.Feed(line.Span))
                    {
                        throw Broken(verifier, "the dashboard's export");
                    }

                    file.Append(line.Span);
                    lines++;
                }
            }
            catch (InvalidDataException e)
            {
                throw new CliException(ExitCode.Failure, $"the dashboard's export: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new PullTransportException($"{options.Server.Authority}: the export broke off: {e.Message}", e);
            }
            finally
            {
                file.Commit();
            }

            return lines;
        }
    }

    private async Task<string> CheckpointAsync(DashboardConnection connection, PulledTrailFile file, TrailVerifier verifier, CancellationToken stop)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var body = await connection.CheckpointAsync(options.Stream, nonce, stop).ConfigureAwait(false);
        CheckpointLine line;
        try
        {
            if (!CheckpointLine.TryRead(EvidenceJson.ParseObject(body), out var read, out var problem))
            {
                throw new CliException(ExitCode.Failure, $"the dashboard's checkpoint is not a checkpoint line: {problem}");
            }

            line = read;
        }
        catch (EvidenceFormatException e)
        {
            throw new CliException(ExitCode.Failure, $"the dashboard's checkpoint is not a checkpoint line: {e.Message}", e);
        }

        // Fresh: this nonce, checked now. A replayed or someone else's checkpoint fails here.
        // And from the expected enclave: the policy the TLS binding met (an enclave of the parent's own could sign one too).
        var verification = _checkpoints.Verify(line.Document, nonce, DateTimeOffset.UtcNow);
        if (!verification.IsValid)
        {
            throw new CliException(ExitCode.Failure, $"the dashboard's checkpoint is refused: {verification.Reason}");
        }

        var checkpoint = verification.Checkpoint!;
        if (checkpoint.Stream != options.Stream || !line.AgreesWith(verification, out _))
        {
            throw new CliException(ExitCode.Failure, $"the dashboard's checkpoint attests the {checkpoint.Stream.Name()} stream, or its line disagrees with its document");
        }

        // The head may have moved on since the export, or the dashboard restarted: catch up to the attested record.
        for (var attempt = 0; attempt < CatchUpAttempts && !Reaches(verifier, checkpoint); attempt++)
        {
            await PullRecordsAsync(connection, file, verifier, TimeSpan.Zero, stop).ConfigureAwait(false);
        }

        if (!Reaches(verifier, checkpoint))
        {
            throw new CliException(ExitCode.Failure,
                $"the dashboard's checkpoint attests record {N(checkpoint.Sequence)} of chain {checkpoint.ChainId.ToShortString()}…, which its export does not reach (the file's chain is {verifier.CurrentChainId?.ToShortString()}… at record {N(verifier.CurrentSequence)})");
        }

        var pulled = line with { Taken = CheckpointLine.TakenByPull };
        var bytes = CanonicalJson.Serialize(pulled.ToObject());
        if (!verifier.Feed(bytes))
        {
            throw Broken(verifier, "the dashboard's checkpoint");
        }

        file.Append(bytes);
        _counter.ResetProof();
        _lastCheckpoint = _clock.GetTimestamp();
        var root = verification.Attestation.TrustRoot;
        return $"record {N(checkpoint.Sequence)} attested {(verification.Timestamp is { } time ? Output.TextFormat.Time(time) : "at no time")} by module {verification.ModuleId} "
            + $"({root.Name}, {Output.VerifyReport.RootKindName(root.Kind)}), fresh nonce {Convert.ToHexStringLower(nonce)[..16]}…; the file is proven through record {N(verifier.CurrentProvenThrough ?? checkpoint.Sequence)}";
    }

    private static bool Reaches(TrailVerifier verifier, Checkpoint checkpoint) =>
        verifier.CurrentChainId == checkpoint.ChainId && verifier.CurrentSequence >= checkpoint.Sequence;

    private static CliException Broken(TrailVerifier verifier, string what)
    {
        var problem = verifier.Problem!;
        return new CliException(ExitCode.Failure,
            $"{what} breaks the trail: {problem.Kind} at record {problem.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {problem.Message}. Nothing from that line on was appended.");
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadLineAsync(TrailLineReader reader, TimeSpan timeout, CancellationToken stop)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
        idle.CancelAfter(timeout);
        try
        {
            return await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!stop.IsCancellationRequested)
        {
            throw new PullTransportException($"the export sent nothing for {Seconds(timeout)} s", e);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
