namespace NsmDashboard.Web.Operations;

/// <summary>
/// Debug-mode detection. <c>nitro-cli run-enclave --debug-mode</c> makes the NSM report PCR0, 1 and 2
/// (and 8) as zeros while PCR3/4 stay populated (docs/pcrs.md#debug-mode); the NSM has no other flag for it.
/// </summary>
public static class DebugMode
{
    /// <summary>The PCRs that are zero in debug mode: 0 (image), 1 (kernel) and 2 (application).</summary>
    public const int MeasuredPcrCount = 3;

    /// <summary>Whether PCR0, PCR1 and PCR2 are all present and all zero.</summary>
    public static bool IsIndicatedBy(IReadOnlyList<PcrState> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        if (pcrs.Count < MeasuredPcrCount)
        {
            return false;
        }

        for (var i = 0; i < MeasuredPcrCount; i++)
        {
            if (!pcrs[i].IsZero)
            {
                return false;
            }
        }

        return true;
    }
}
