using System.Globalization;

namespace NsmDashboard.Benchmarks.Soak;

/// <summary>What a soak run does and against which dashboard; parsed from <c>--name value</c> pairs.</summary>
internal sealed class SoakOptions
{
    public required Uri BaseAddress { get; init; }

    /// <summary>The dashboard's process, for RSS, threads and the runtime's own counters.</summary>
    public required int ServerPid { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first part of the run, left out of the RSS baseline (JIT, pools and stores filling up).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int Circuits { get; init; } = 200;

    /// <summary>
    /// The user the circuits are signed in as, on the login form (one browser session shared by every circuit, as tabs
    /// share a cookie; API tokens sign no browser in).
    /// </summary>
    public required string BrowserUser { get; init; }

    /// <summary>Its password, from the environment (<see cref="BrowserPasswordVariable"/>) so that it is not in the process list.</summary>
    public required string BrowserPassword { get; init; }

    /// <summary>The environment variable that holds <see cref="BrowserPassword"/>.</summary>
    public const string BrowserPasswordVariable = "NSMDASH_SOAK_PASSWORD";

    /// <summary>Viewer token for the reads and exports.</summary>
    public required string ReaderToken { get; init; }

    /// <summary>Operator tokens for the extends, one loop each, under the per-user mutation limit.</summary>
    public required IReadOnlyList<string> ExtenderTokens { get; init; }

    /// <summary>Operator token for attestation bursts within the per-user limit.</summary>
    public required string AttesterToken { get; init; }

    /// <summary>Operator token whose bursts exceed the attestation limit on purpose: its 429s are the intended refusals.</summary>
    public required string BursterToken { get; init; }

    public double ExtendsPerMinutePerToken { get; init; } = 40;

    public double ReadsPerSecond { get; init; } = 10;

    public int AttestationBurst { get; init; } = 20;

    public TimeSpan AttestationBurstInterval { get; init; } = TimeSpan.FromSeconds(30);

    public int OverLimitBurst { get; init; } = 150;

    public TimeSpan OverLimitBurstInterval { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ExportInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The bounds the dashboard was started with, to check every store against.</summary>
    public int AuditCapacity { get; init; } = 10_000;

    public int EventLogCapacity { get; init; } = 100_000;

    public long EventLogMaxDataBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Circuits the server keeps for reconnection beyond the connected ones (CircuitOptions.DisconnectedCircuitMaxRetained).</summary>
    public int RetainedCircuitBound { get; init; } = 100;

    public required string OutputDirectory { get; init; }

    /// <summary>Latency is flat when p99 of the last third ≤ max(this × p99 of the first third, first + <see cref="FlatSlack"/>).</summary>
    public double FlatFactor { get; init; } = 1.5;

    public TimeSpan FlatSlack { get; init; } = TimeSpan.FromMilliseconds(20);

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected --name value pairs; '{args[i]}' has no value.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"--{name} is required.");
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Number(name, fallback.TotalSeconds));

        var duration = TimeSpan.FromMinutes(Number("minutes", 10));
        return new SoakOptions
        {
            BaseAddress = new Uri(Required("url").TrimEnd('/') + "/"),
            ServerPid = int.Parse(Required("pid"), CultureInfo.InvariantCulture),
            Duration = duration,
            WarmUp = values.ContainsKey("warmup-minutes")
                ? TimeSpan.FromMinutes(Number("warmup-minutes", 2))
                : TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, duration.Ticks / 5)),
            SampleInterval = Seconds("sample-seconds", TimeSpan.FromSeconds(10)),
            Circuits = (int)Number("circuits", 200),
            BrowserUser = Required("browser-user"),
            BrowserPassword = Environment.GetEnvironmentVariable(BrowserPasswordVariable) is { Length: > 0 } password
                ? password
                : throw new ArgumentException($"{BrowserPasswordVariable} must hold the password of --browser-user"),
            ReaderToken = Required("reader-token"),
            ExtenderTokens = Required("extender-tokens").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AttesterToken = Required("attester-token"),
            BursterToken = Required("burster-token"),
            ExtendsPerMinutePerToken = Number("extends-per-minute", 40),
            ReadsPerSecond = Number("reads-per-second", 10),
            AttestationBurst = (int)Number("attestation-burst", 20),
            AttestationBurstInterval = Seconds("attestation-burst-seconds", TimeSpan.FromSeconds(30)),
            OverLimitBurst = (int)Number("over-limit-burst", 150),
            OverLimitBurstInterval = Seconds("over-limit-burst-seconds", TimeSpan.FromMinutes(5)),
            ExportInterval = Seconds("export-seconds", TimeSpan.FromMinutes(1)),
            AuditCapacity = (int)Number("audit-capacity", 10_000),
            EventLogCapacity = (int)Number("eventlog-capacity", 100_000),
            EventLogMaxDataBytes = (long)Number("eventlog-max-data-bytes", 16L * 1024 * 1024),
            RetainedCircuitBound = (int)Number("retained-circuits", 100),
            OutputDirectory = values.TryGetValue("out", out var output) ? output : ".",
            FlatFactor = Number("flat-factor", 1.5),
            FlatSlack = TimeSpan.FromMilliseconds(Number("flat-slack-ms", 20)),
        };
    }
}
