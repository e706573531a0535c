using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security.Tls;

namespace NsmDashboard.Web.Features.Overview;

/// <summary>
/// Shows the certificate the dashboard serves over HTTPS, the two values its attestation binds (SHA-384 of the
/// certificate, of its key), the exact <c>nsm verify-tls</c> command to check the binding and the <c>nsm connect</c>
/// command to browse the dashboard through an attested tunnel; or, when the dashboard serves plain HTTP, why and how to
/// turn TLS on. Both commands need a policy (which image is expected): the operator's own nitro-cli measurements,
/// never values this page shows — a page cannot vouch for itself.
/// </summary>
public partial class TlsBindingCard
{
    /// <summary>The configuration key of the emulator's CA directory, whose root <c>--emulator-root</c> pins.</summary>
    private const string EmulatorDirectoryKey = "Nsm:Emulator:CertificateAuthorityDirectory";

    /// <summary>The configuration key of the emulator's measurements (the image it pretends to run).</summary>
    private const string EmulatorMeasurementsKey = "Nsm:Emulator:MeasurementsFile";

    /// <summary>What the commands call the JSON <c>nitro-cli build-enclave</c> printed for the operator's image.</summary>
    private const string MeasurementsPlaceholder = "nsm-dashboard.json";

    private static readonly MarkupString LockIcon = StaticIcon.Svg(Icons.Material.Filled.Lock, $"{MudClasses.IconMedium} {MudClasses.SuccessText}");
    private static readonly MarkupString UnlockedIcon = StaticIcon.Svg(Icons.Material.Filled.LockOpen, $"{MudClasses.IconMedium} mud-text-secondary");

    [Inject]
    private DashboardTls Tls { get; set; } = default!;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    private TlsIdentity? Identity => Tls.Identity;

    /// <summary>The command an operator runs on their own machine.</summary>
    private string VerifyCommand => $"nsm verify-tls {ServerUrl}{RootArgument}{PolicyArgument}";

    /// <summary>The command that serves this dashboard to the operator's browser through an attested tunnel.</summary>
    private string ConnectCommand => $"nsm connect {ServerUrl}{RootArgument}{PolicyArgument}";

    /// <summary>
    /// Which enclave to expect: on a device, the operator's own measurements file; on the emulator, the file it was
    /// started with, or any enclave (its default measurements are no image's).
    /// </summary>
    private string PolicyArgument => !State.IsEmulated
        ? $" --measurements {MeasurementsPlaceholder}"
        : Services.GetService<IConfiguration>()?[EmulatorMeasurementsKey] is { Length: > 0 } file ? $" --measurements {Quote(file)}" : " --any-enclave";

    /// <summary>
    /// The address to check: the page's own when it came over HTTPS (that is the connection to prove), else the
    /// dashboard's first https address, else a placeholder (vsock only: the address is whatever the parent forwards).
    /// </summary>
    private string ServerUrl
    {
        get
        {
            var page = new Uri(Navigation.BaseUri);
            if (page.Scheme == Uri.UriSchemeHttps)
            {
                return page.GetLeftPart(UriPartial.Authority);
            }

            var https = Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
                .FirstOrDefault(address => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
            return https is null ? "https://HOST:PORT" : ReachableFromHere(https);
        }
    }

    private string RootArgument => !State.IsEmulated
        ? string.Empty
        : EmulatorDirectory is { } directory ? $" --emulator-root {Quote(directory)}" : " --root emulator-root.crt.pem";

    private string? RootHint => !State.IsEmulated
        ? "The document must chain to the AWS Nitro Enclaves root, which nsm pins by default."
        : EmulatorDirectory is null
            ? "The NSM is emulated: pin the emulator's root. Save it from the Attestation page's verdict (emulator-root.crt.pem), or start the dashboard with Nsm:Emulator:CertificateAuthorityDirectory=DIR and pass --emulator-root DIR."
            : "The NSM is emulated: the document chains to the emulator's root in that directory, NOT to AWS.";

    private string? EmulatorDirectory =>
        Services.GetService<IConfiguration>()?[EmulatorDirectoryKey] is { Length: > 0 } directory ? directory : null;

    // A wildcard listen address is not an address to connect to.
    private static string ReachableFromHere(string address) =>
        address.Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)
            .Replace("://[::]:", "://localhost:", StringComparison.Ordinal)
            .Replace("://+:", "://localhost:", StringComparison.Ordinal)
            .Replace("://*:", "://localhost:", StringComparison.Ordinal);

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
