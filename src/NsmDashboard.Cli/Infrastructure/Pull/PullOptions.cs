using NsmDashboard.Attestation;
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
    TimeSpan Timeout);
