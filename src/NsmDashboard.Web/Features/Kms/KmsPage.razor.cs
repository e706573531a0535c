namespace NsmDashboard.Web.Features.Kms;

/// <summary>
/// The KMS key-policy helper: Generate, Check and Recipient tabs (docs/kms-key-policies.md). Each tab is its own
/// component; this page only lays them out.
/// </summary>
public sealed partial class KmsPage
{
}
