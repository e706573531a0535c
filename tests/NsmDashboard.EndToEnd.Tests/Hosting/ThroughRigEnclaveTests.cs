using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Hosting;

/// <summary>
/// The dashboard in device mode on vsock inside the rig VM, on the real Linux nsm driver, reached through
/// nsm-proxy in the VM and a port forward: the whole path of docs/rig.md#tier, step 8. Run by tests/rig/run-e2e-tests.sh.
/// </summary>
[Trait("Category", "Rig")]
public sealed class ThroughRigEnclaveTests(RigEnclaveFixture server, PlaywrightFixture playwright)
    : ThroughProxyTestsBase(server, playwright), IClassFixture<RigEnclaveFixture>;
