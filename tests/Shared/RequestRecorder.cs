using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace NsmDashboard.TestSupport;

/// <summary>
/// Records <c>METHOD /path?query</c> of every request a test server receives, before any of its own middleware runs,
/// so a test can tell what reached it (an impostor dashboard must see nothing of a browser's requests). Register
/// with <c>services.AddSingleton&lt;IStartupFilter&gt;(recorder)</c>.
/// </summary>
public sealed class RequestRecorder : IStartupFilter
{
    /// <summary>The requests, in order of arrival.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, continuation) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return continuation(context);
        });
        next(app);
    };
}
