namespace NsmDashboard.Web.Features.Pcrs;

/// <summary>What each PCR of a Nitro enclave measures (docs/pcrs.md#meanings).</summary>
public static class PcrMeanings
{
    /// <summary>The first PCR that is free for the application (16–31 start unlocked and zero).</summary>
    public const int FirstApplicationPcr = 16;

    /// <summary>A short name for the PCR, for table cells and labels.</summary>
    public static string Title(int index) => index switch
    {
        0 => "Enclave image",
        1 => "Kernel + bootstrap",
        2 => "Application",
        3 => "IAM role",
        4 => "Instance ID",
        8 => "Signing certificate",
        >= 5 and <= 15 => "Reserved",
        >= FirstApplicationPcr => "Application (free)",
        _ => "Unknown",
    };

    /// <summary>One sentence saying how the value is produced.</summary>
    public static string Description(int index) => index switch
    {
        0 => "Hash of the enclave image file: kernel, command line and every ramdisk. Zero in debug mode.",
        1 => "Hash of the Linux kernel and bootstrap (kernel, command line and first ramdisk). Zero in debug mode.",
        2 => "Hash of the application: the remaining ramdisks. Zero in debug mode.",
        3 => "SHA-384(0⁴⁸ ‖ IAM role ARN) of the parent instance; zero when it has no role.",
        4 => "SHA-384(0⁴⁸ ‖ instance id) of the parent instance.",
        8 => "SHA-384(0⁴⁸ ‖ SHA-384(signing certificate DER)) of a signed EIF; zero when unsigned.",
        >= 5 and <= 15 => "Reserved by AWS; zero, and locked from enclave start.",
        >= FirstApplicationPcr => "Free for the application to extend and lock.",
        _ => "Not a PCR of a Nitro Secure Module.",
    };
}
