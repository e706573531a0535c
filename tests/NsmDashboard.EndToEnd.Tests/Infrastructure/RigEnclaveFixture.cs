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

    /// <summary>The environment variable holding the Operator user name the dashboard in the VM was configured with.</summary>
    public const string UserVariable = "NSMDASH_E2E_OPERATOR_USER";

    /// <summary>The environment variable holding that Operator's password (only its hash entered the VM).</summary>
    public const string PasswordVariable = "NSMDASH_E2E_OPERATOR_PASSWORD";

    /// <summary>The environment variable holding an Operator API token the dashboard in the VM was configured with (only its hash entered the VM).</summary>
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
        OperatorLogin = (Environment.GetEnvironmentVariable(UserVariable), Environment.GetEnvironmentVariable(PasswordVariable)) is ({ Length: > 0 } user, { Length: > 0 } password)
            ? (user, password)
            : throw new InvalidOperationException($"{UserVariable} and {PasswordVariable} are not set: the dashboard on a device is read-only without an operator.");
        ApiToken = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"{TokenVariable} is not set: the tests' API calls need an Operator token the dashboard in the VM knows.");

        // The VM emulates its CPU (no KVM): every round trip through it is slower than on this machine, and on a busy
        // host much slower (a first page load, ~770 KB of scripts and styles, took 84 s at load 33). These are waits
        // for a condition, which end as soon as it holds.
        Assertions.SetDefaultExpectTimeout(120_000);
        PageTimeout = 180_000;
        return ValueTask.CompletedTask;
    }
}
