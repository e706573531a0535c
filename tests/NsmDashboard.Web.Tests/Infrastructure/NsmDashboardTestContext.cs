using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using MudBlazor;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Hosting;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Tests.Infrastructure;

/// <summary>
/// The one base of the component tests: MudBlazor's services with Loose JS interop and no popover-provider
/// check, and the dashboard's own services over a real <see cref="NsmEmulator"/> (or a transport a test
/// supplies), registered exactly as the app registers them. The circuit is signed in as an Operator
/// (<see cref="CircuitUser"/>) unless a test calls <see cref="SignInAsViewer"/> or <see cref="SignOut"/>.
/// </summary>
public abstract class NsmDashboardTestContext : BunitContext
{
    private readonly INsmTransport _transport;

    protected NsmDashboardTestContext(NsmEmulatorOptions? emulatorOptions = null, Func<NsmEmulator, INsmTransport>? wrap = null)
    {
        // CI machines are shared: give renders more time than bUnit's default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;

        Emulator = new NsmEmulator(emulatorOptions ?? new NsmEmulatorOptions());
        _transport = wrap is null ? Emulator : wrap(Emulator);
        Services.AddSingleton(_transport);
        // Options bound from configuration (Auth, Audit, …) see an empty one: their defaults.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(CircuitUser);
        Authorization.SetRoles(NsmRoles.Operator);
        Services.AddLogging();
        Services.AddNsmDashboardCore();
        Services.Configure<PopoverOptions>(options => options.CheckForPopoverProvider = false);
        Services.Configure<SnackbarConfiguration>(options =>
        {
            options.ShowTransitionDuration = 0;
            options.HideTransitionDuration = 0;
        });
    }

    /// <summary>The name the circuit under test is signed in as.</summary>
    protected const string CircuitUser = "test-operator";

    /// <summary>bUnit's authentication state for the circuit under test.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the circuit in as a Viewer instead of an Operator.</summary>
    protected void SignInAsViewer()
    {
        Authorization.SetAuthorized("test-viewer");
        Authorization.SetRoles(NsmRoles.Viewer);
    }

    /// <summary>Leaves the circuit without a signed-in user.</summary>
    protected void SignOut() => Authorization.SetNotAuthorized();

    /// <summary>The emulated NSM behind the services.</summary>
    protected NsmEmulator Emulator { get; }

    /// <summary>The read model, as components see it.</summary>
    protected NsmStateService State => Services.GetRequiredService<NsmStateService>();

    /// <summary>The mutating service, as components see it.</summary>
    protected NsmOperations Operations => Services.GetRequiredService<NsmOperations>();

    /// <summary>A caller that is not the circuit under test (another operator).</summary>
    protected static NsmCaller OtherOperator { get; } =
        NsmCaller.Dashboard("other-operator") with { User = "other-operator", Role = NsmRoles.Operator };

    /// <summary>Renders the MudBlazor providers (dialogs, popovers, snackbars) that pages and dialogs need.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>Opens a dialog through the dialog service, as a page does, and returns the provider that shows it.</summary>
    protected async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Reference)> ShowDialogAsync<TDialog>(
        DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        var provider = RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<TDialog>("test", parameters));
        return (provider, reference!);
    }

    /// <summary>The PCR as the NSM reports it now.</summary>
    protected Task<PcrState> ReadPcrAsync(ushort index) => State.GetPcrAsync(index);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _transport.Dispose();
            Emulator.Dispose();
        }
    }
}
