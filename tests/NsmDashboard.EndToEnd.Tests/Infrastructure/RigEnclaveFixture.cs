using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A dashboard running elsewhere, named by <c>NSMDASH_E2E_BASE_URL</c>: in CI, the dashboard in device mode on
/// vsock inside the rig VM (real Linux nsm driver), behind <c>nsm-proxy</c> in the VM and QEMU's port forward
/// (tests/rig/run-e2e-tests.sh sets it). Without the variable the tests skip and say where they run.
/// </summary>
public sealed class RigEnclaveFixture : NsmDashboardServerFixture
{
    /// <summary>The environment variable holding the dashboard's address as the browser reaches it.</summary>
    public const string BaseUrlVariable = "NSMDASH_E2E_BASE_URL";

    /// <summary>The environment variable holding an Operator API token the dashboard in the VM was configured with.</summary>
    public const string TokenVariable = "NSMDASH_E2E_OPERATOR_TOKEN";

    /// <inheritdoc/>
    public override ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(BaseUrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            UnavailableReason = $"{BaseUrlVariable} is not set: these tests drive the dashboard inside the rig VM and run in the real-driver tier (tests/rig/run-e2e-tests.sh).";
            return ValueTask.CompletedTask;
        }

        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var address))
        {
            throw new InvalidOperationException($"{BaseUrlVariable}='{url}' is not an absolute URL.");
        }

        BaseAddress = address;
        LoginToken = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"{TokenVariable} is not set: the dashboard on a device is read-only without an operator.");

        // The VM emulates its CPU (no KVM): every round trip through it is slower than on this machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        PageTimeout = 60_000;
        return ValueTask.CompletedTask;
    }
}
