using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Web.Components;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Metrics;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Hosting;

/// <summary>Registers the dashboard's services. Everything NSM-related uses TryAdd, so a registration made first (by a test) wins.</summary>
public static partial class NsmDashboardServiceCollectionExtensions
{
    /// <summary>Adds the NSM services, MudBlazor and interactive server components.</summary>
    public static IServiceCollection AddNsmDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddNsmDashboardCore();
        services.AddDashboardAuthentication();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddNsmDashboardApi();
        return services;
    }

    /// <summary>
    /// Adds what the components need without the Razor Components host: options, the transport chosen by
    /// <see cref="NsmTransportFactory"/>, the NSM client, <see cref="NsmStateService"/>,
    /// <see cref="NsmOperations"/> with its <see cref="NsmAccessPolicy"/> and <see cref="AuditTrail"/>,
    /// <see cref="PcrChangeNotifier"/>, <see cref="AttestationService"/> and MudBlazor.
    /// Component tests call this after registering their own transport.
    /// </summary>
    public static IServiceCollection AddNsmDashboardCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<NsmDashboardOptions>()
            .BindConfiguration(NsmDashboardOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NsmDashboardOptions>, ValidateNsmDashboardOptions>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateFaultSchedule);
        services.TryAddSingleton(SelectTransport);
        services.TryAddSingleton<INsmTransport>(sp => sp.GetRequiredService<NsmTransportSelection>().Transport);
        // The client talks through the instrumented seam, so calls from the pages and the API are counted alike.
        services.AddMetrics();
        services.TryAddSingleton<NsmMetrics>();
        services.TryAddSingleton(sp => new NsmClient(
            new InstrumentedNsmTransport(sp.GetRequiredService<INsmTransport>(), sp.GetRequiredService<NsmMetrics>(), sp.GetRequiredService<NsmHealth>())));
        // The health probe has its own client on the bare transport: its DescribeNSM every few seconds is not a
        // request anyone made, and would only blur the metrics.
        services.TryAddSingleton(sp => new NsmHealth(
            new NsmClient(sp.GetRequiredService<INsmTransport>()),
            sp.GetRequiredService<IOptions<NsmDashboardOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PcrChangeNotifier>();
        services.TryAddSingleton<NsmStateService>();
        services.TryAddSingleton<NsmRecoveryProbe>();
        services.AddDashboardIdentities();
        services.TryAddSingleton<NsmAccessPolicy>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName);
        services.TryAddSingleton<NsmOperationRateLimiter>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INsmOperationSink, AuditTrail>(sp => sp.GetRequiredService<AuditTrail>()));
        services.TryAddSingleton<NsmOperations>();
        services.TryAddSingleton<TrustDataOperations>();
        services.TryAddSingleton<AttestationService>();
        services.TryAddSingleton<Features.Kms.KmsPolicyService>();
        services.AddDashboardTls();
        services.AddPcrLab();
        services.TryAddScoped<DashboardSession>();
        services.TryAddScoped<BrowserInterop>();

        services.AddMudServices(configuration =>
        {
            configuration.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            configuration.SnackbarConfiguration.PreventDuplicates = false;
            configuration.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        return services;
    }

    /// <summary>
    /// <see cref="TlsOptions"/> from <c>NsmDashboard:Tls</c> (when there is configuration) and <see cref="DashboardTls"/>.
    /// Component tests have no configuration; the defaults (auto, no port, no vsock) mean plain HTTP there.
    /// </summary>
    private static void AddDashboardTls(this IServiceCollection services)
    {
        services.AddOptions<TlsOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(TlsOptions.SectionName).Bind(options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsOptions>, ValidateTlsOptions>());
        services.TryAddSingleton(provider => new DashboardTls(
            provider.GetRequiredService<IOptions<TlsOptions>>(),
            provider.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DashboardTls>>()));
    }

    private static NsmTransportSelection SelectTransport(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NsmDashboardOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var faults = options.Emulator.Faults.Enabled;
        var selection = NsmTransportFactory.Create(
            options.Mode,
            options.DevicePath,
            () => EmulatorTransport(services, options, timeProvider));

        // Said loudly: an emulated NSM must never be mistaken for the real one.
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NsmDashboard");
        if (selection.Transport.Kind == NsmTransportKind.Emulator)
        {
            LogEmulatorSelected(logger, options.Mode, selection.Reason);
            if (faults)
            {
                LogFaultInjection(logger, services.GetRequiredService<NsmFaultSchedule>().Rules.Count);
            }
        }
        else
        {
            LogDeviceSelected(logger, options.Mode, selection.Reason);
        }

        return selection;
    }

    // The emulator, behind the fault-injecting transport when Nsm:Emulator:Faults:Enabled; the real device never is.
    private static INsmTransport EmulatorTransport(IServiceProvider services, NsmDashboardOptions options, TimeProvider timeProvider)
    {
        var emulator = new NsmEmulator(EmulatorOptionsFactory.Create(options.Emulator, timeProvider));
        return options.Emulator.Faults.Enabled
            ? new FaultInjectingNsmTransport(emulator, services.GetRequiredService<NsmFaultSchedule>())
            : emulator;
    }

    // The schedule the fault-injecting transport follows: the configured rules, which tests may replace at run time.
    // Without fault injection nothing uses it, and it refuses rules (NsmFaultSchedule.Set).
    private static NsmFaultSchedule CreateFaultSchedule(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<NsmDashboardOptions>>().Value;
        var rules = options.Emulator.Faults.ToRules(NsmFaultSettings.SectionPath, new List<string>());
        return new NsmFaultSchedule(options.Emulator.Faults.Enabled ? rules : [], services.GetRequiredService<TimeProvider>());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "*** FAULT INJECTION IS ON (Nsm:Emulator:Faults): the emulated NSM fails on purpose; {RuleCount} rule(s) at start ***")]
    private static partial void LogFaultInjection(ILogger logger, int ruleCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NSM mode {Mode}: {Reason}. *** THE NSM IS EMULATED: NOTHING HERE IS ATTESTED BY AWS ***")]
    private static partial void LogEmulatorSelected(ILogger logger, NsmMode mode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "NSM mode {Mode}: {Reason}.")]
    private static partial void LogDeviceSelected(ILogger logger, NsmMode mode, string reason);
}
