using NsmDashboard.Attestation;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Cli.Infrastructure.Pull;

/// <summary>What <c>nsm audit pull</c> was asked to do.</summary>
internal sealed record PullOptions(
    Uri Server,
    string Token,
    string OutPath,
    EvidenceLog Stream,
    bool Follow,
    TimeSpan Interval,
    AttestationTrustRoot TrustRoot,
    EnclavePolicy Policy,
    TimeSpan Timeout)
{
    /// <summary>The attestor of the dashboard's TLS binding: this root, this policy, this timeout.</summary>
    public DashboardAttestor Attestor() => new(TrustRoot, Policy, Timeout);
}
