using Microsoft.JSInterop;

namespace NsmDashboard.Web.Components;

/// <summary>
/// The few browser features the dashboard uses, from <c>wwwroot/js/dashboard.js</c>: the clipboard and the
/// saved theme. Scoped to a circuit. Failures (no clipboard permission, the circuit going away) are
/// reported as <see langword="false"/>/<see langword="null"/>, never thrown into a component.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    /// <summary>The module's path, relative to the document base (served from the top-level wwwroot).</summary>
    public const string ModulePath = "./js/dashboard.js";

    private Task<IJSObjectReference>? _module;

    /// <summary>Copies text to the clipboard (with a fallback for pages served over plain HTTP).</summary>
    /// <returns>Whether the browser reports success.</returns>
    public async Task<bool> CopyTextAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var module = await GetModuleAsync();
            return await module.InvokeAsync<bool>("copyText", text);
        }
        catch (Exception ex) when (IsBrowserUnavailable(ex))
        {
            return false;
        }
    }

    /// <summary>The theme the user chose last time on this browser (<c>light</c>, <c>dark</c>), or <see langword="null"/>.</summary>
    public async Task<string?> GetSavedThemeAsync()
    {
        try
        {
            var module = await GetModuleAsync();
            return await module.InvokeAsync<string?>("getSavedTheme");
        }
        catch (Exception ex) when (IsBrowserUnavailable(ex))
        {
            return null;
        }
    }

    /// <summary>Remembers the chosen theme on this browser.</summary>
    public async Task SaveThemeAsync(string theme)
    {
        try
        {
            var module = await GetModuleAsync();
            await module.InvokeVoidAsync("saveTheme", theme);
        }
        catch (Exception ex) when (IsBrowserUnavailable(ex))
        {
            // Not remembering a theme is harmless.
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true } module && module.Result is { } reference)
        {
            try
            {
                await reference.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone and the module with it.
            }
        }
    }

    private Task<IJSObjectReference> GetModuleAsync()
    {
        // A failed import is retried on the next call instead of being cached.
        if (_module is null || _module.IsFaulted || _module.IsCanceled)
        {
            _module = js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
        }

        return _module;
    }

    private static bool IsBrowserUnavailable(Exception ex) =>
        ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException;
}
