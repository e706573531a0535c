using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation;

/// <summary>The service on a device: AWS is the default and only known root.</summary>
public sealed class AttestationServiceDeviceTests() : NsmDashboardTestContext(wrap: emulator => new DeviceLikeTransport(emulator))
{
    private AttestationService Service => Services.GetRequiredService<AttestationService>();

    [Fact]
    public void On_a_device_the_default_and_only_known_root_is_AWS()
    {
        // Assert
        Assert.Equal(AttestationTrustRootKind.Aws, Service.DefaultTrustRoot.Kind);
        Assert.Equal(AttestationTrustRootKind.Aws, Assert.Single(Service.AvailableRoots).Kind);
    }

    [Fact]
    public async Task A_document_the_device_signs_with_a_foreign_root_is_not_reported_as_AWS()
    {
        // Act: the "device" here is the emulator in disguise, whose root is not AWS's.
        var outcome = await Service.RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        Assert.False(outcome.IsValid);
        Assert.False(outcome.Verification.IsRootedInAws);
        Assert.Equal(AttestationFailure.UntrustedRoot, outcome.Verification.Failure);
    }
}
