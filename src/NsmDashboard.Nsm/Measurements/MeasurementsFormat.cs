namespace NsmDashboard.Nsm;

/// <summary>Which tool printed a measurements file, and so which kind of attestation document its PCRs belong to.</summary>
public enum MeasurementsFormat
{
    /// <summary>
    /// <c>nitro-cli build-enclave</c> / <c>describe-eif</c>: PCR0, PCR1, PCR2 (and PCR8 for a signed EIF) of a
    /// Nitro Enclave image.
    /// </summary>
    NitroCli,

    /// <summary>
    /// <c>nitro-tpm-pcr-compute</c> (aws/NitroTPM-Tools): PCR4, PCR7 and PCR12 of the NitroTPM of an EC2 instance
    /// booting a unified kernel image (earlier versions printed fewer).
    /// </summary>
    NitroTpmPcrCompute,
}
