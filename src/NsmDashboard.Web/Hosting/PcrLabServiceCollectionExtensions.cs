using Microsoft.Extensions.DependencyInjection.Extensions;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Features.Measurements;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Hosting;

/// <summary>Registers the PCR lab: the event log (an operation sink), replay, the imported log and the expected measurements.</summary>
public static class PcrLabServiceCollectionExtensions
{
    /// <summary>Adds the PCR lab's services; <see cref="NsmDashboardServiceCollectionExtensions.AddNsmDashboardCore"/> calls it.</summary>
    public static IServiceCollection AddPcrLab(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Bound when configuration exists; component tests build the services without any and get the defaults.
        services.AddOptions<PcrEventLogOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                provider.GetService<IConfiguration>()?.GetSection(PcrEventLogOptions.SectionName).Bind(options))
            .Validate(o => o.Capacity >= 1, "Nsm:EventLog:Capacity must be at least 1.")
            .Validate(o => o.MaxDataBytes >= 0, "Nsm:EventLog:MaxDataBytes cannot be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<PcrEventLog>();
        // The log is also a sink: the same instance, so what NsmOperations hands over is what the pages read.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INsmOperationSink, PcrEventLog>(sp => sp.GetRequiredService<PcrEventLog>()));
        services.TryAddSingleton<PcrReplayService>();
        services.TryAddSingleton<ImportedPcrEventLog>();
        services.TryAddSingleton<ExpectedMeasurementStore>();
        return services;
    }
}
