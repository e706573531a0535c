using NsmDashboard.Nsm.Pcrs;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// The PCR values an enclave has when it starts (docs/pcrs.md#meanings): PCR0/1/2/8 from the
/// image measurements, PCR3 from the parent's IAM role, PCR4 from the parent instance id; debug mode
/// zeroes PCR0/1/2/8. Everything else starts at zero.
/// </summary>
internal static class BootMeasurements
{
    /// <summary>The boot values by PCR index (only non-zero ones are listed).</summary>
    public static Dictionary<int, byte[]> Compute(
        NitroCliMeasurements measurements,
        string? iamRoleArn,
        string instanceId,
        bool debugMode)
    {
        var values = new Dictionary<int, byte[]>();
        if (!debugMode)
        {
            // nitro-cli prints the final PCR values, so they are taken as they are, not extended again.
            foreach (var (index, value) in measurements.Pcrs)
            {
                values[index] = value.ToArray();
            }
        }

        if (iamRoleArn is not null)
        {
            values[3] = PcrExtension.FromZero(iamRoleArn);
        }

        values[4] = PcrExtension.FromZero(instanceId);
        return values;
    }
}
