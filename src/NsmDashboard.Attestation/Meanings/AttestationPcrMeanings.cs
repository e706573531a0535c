using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Attestation;

/// <summary>
/// What each PCR measures, per <see cref="AttestationDocumentKind"/>. The same index means different things in the
/// two kinds: an enclave's PCR4 is its parent's instance id, a NitroTPM's PCR4 the boot loader it ran.
/// </summary>
/// <remarks>
/// <para>Enclave PCRs: AWS Nitro Enclaves User Guide, "Where to get an enclave's measurements"
/// (https://docs.aws.amazon.com/enclaves/latest/user/set-up-attestation.html).</para>
/// <para>NitroTPM PCRs follow the TPM 2.0 / UEFI conventions of the firmware and the Linux boot chain: the TCG PC
/// Client Platform Firmware Profile Specification §3.3.4 (PCR0–7, 16, 17–22, 23) and the UAPI Group's Linux TPM PCR
/// Registry (https://uapi-group.org/specifications/specs/linux_tpm_pcr_registry/, PCR8–15). AWS lists them in the EC2
/// User Guide, "NitroTPM Attestation Document contents"
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/nitrotpm-attestation-document-content.html): PCR0 and PCR1 hold
/// constant values, and PCR4, PCR7 and PCR12 are the ones that identify an Attestable AMI — the ones
/// nitro-tpm-pcr-compute (aws/NitroTPM-Tools) precomputes.</para>
/// </remarks>
public static class AttestationPcrMeanings
{
    private const string EnclaveSource = "https://docs.aws.amazon.com/enclaves/latest/user/set-up-attestation.html";
    private const string TcgPfp = "TCG PC Client Platform Firmware Profile Specification §3.3.4 (https://trustedcomputinggroup.org/resource/pc-client-specific-platform-firmware-profile-specification/)";
    private const string UapiRegistry = "UAPI Group Linux TPM PCR Registry (https://uapi-group.org/specifications/specs/linux_tpm_pcr_registry/)";
    private const string AwsNitroTpm = "AWS EC2 User Guide, NitroTPM Attestation Document contents (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/nitrotpm-attestation-document-content.html)";
    private const string NitroTpmTools = AwsNitroTpm + "; aws/NitroTPM-Tools nitro-tpm-pcr-compute (https://github.com/aws/NitroTPM-Tools)";

    /// <summary>What PCR <paramref name="index"/> of a document of <paramref name="kind"/> measures.</summary>
    public static PcrMeaning Of(AttestationDocumentKind kind, int index) => kind switch
    {
        AttestationDocumentKind.NitroEnclave => Enclave(index),
        AttestationDocumentKind.NitroTpm => NitroTpm(index),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };

    /// <summary>A short name for the PCR, for table cells and labels.</summary>
    public static string Title(AttestationDocumentKind kind, int index) => Of(kind, index).Title;

    /// <summary>One or two sentences saying how the value is produced.</summary>
    public static string Description(AttestationDocumentKind kind, int index) => Of(kind, index).Description;

    private static PcrMeaning Enclave(int index) => index switch
    {
        0 => new("Enclave image", "Hash of the enclave image file: kernel, command line and every ramdisk. Zero in debug mode.", EnclaveSource),
        1 => new("Kernel + bootstrap", "Hash of the Linux kernel and bootstrap (kernel, command line and first ramdisk). Zero in debug mode.", EnclaveSource),
        2 => new("Application", "Hash of the application: the remaining ramdisks. Zero in debug mode.", EnclaveSource),
        3 => new("IAM role", "SHA-384(0⁴⁸ ‖ IAM role ARN) of the parent instance; zero when it has no role.", EnclaveSource),
        4 => new("Instance ID", "SHA-384(0⁴⁸ ‖ instance id) of the parent instance.", EnclaveSource),
        8 => new("Signing certificate", "SHA-384(0⁴⁸ ‖ SHA-384(signing certificate DER)) of a signed EIF; zero when unsigned.", EnclaveSource),
        >= 5 and <= 15 => new("Reserved", "Reserved by AWS; zero, and locked from enclave start.", EnclaveSource),
        >= NsmLimits.BootLockedPcrCount and < NsmLimits.PcrCount => new("Application (free)", "Free for the application to extend and lock.", EnclaveSource),
        _ => new("Unknown", "Not a PCR of a Nitro Secure Module (enclave PCRs are 0–31).", EnclaveSource),
    };

    private static PcrMeaning NitroTpm(int index) => index switch
    {
        0 => new("Firmware code", "Core system firmware executable code: the instance's UEFI firmware, controlled by AWS. A constant value, so that AWS can update early boot code safely.", AwsNitroTpm + "; " + TcgPfp),
        1 => new("Firmware data", "Core system firmware data: platform configuration and firmware settings. A constant value, like PCR0.", AwsNitroTpm + "; " + TcgPfp),
        2 => new("Pluggable code", "Extended or pluggable executable code: UEFI drivers and applications loaded from devices (option ROMs).", AwsNitroTpm + "; " + TcgPfp),
        3 => new("Pluggable data", "Extended or pluggable firmware data: configuration of the code of PCR2.", AwsNitroTpm + "; " + TcgPfp),
        4 => new("Boot loader / UKI", "Boot manager code: every EFI binary the firmware starts (shim, boot loader or unified kernel image, and a kernel a stub loads). Identifies an Attestable AMI under standard boot; precomputed by nitro-tpm-pcr-compute; KMS condition key NitroTPMPCR4.", NitroTpmTools),
        5 => new("Boot configuration / GPT", "Boot manager code configuration and data, and the GPT partition table.", AwsNitroTpm + "; " + TcgPfp),
        6 => new("Platform manufacturer", "Host platform manufacturer specifics.", AwsNitroTpm + "; " + TcgPfp),
        7 => new("Secure Boot policy", "The UEFI Secure Boot state and policy (SecureBoot, PK, KEK, db, dbx) and the db entry that authorised each image. Identifies an Attestable AMI under Secure Boot; precomputed by nitro-tpm-pcr-compute; KMS condition key NitroTPMPCR7.", NitroTpmTools),
        8 => new("Kernel command line (grub)", "Defined for the static OS. The kernel command line and commands as measured by grub; unused by systemd-boot and unified kernel images.", UapiRegistry),
        9 => new("Boot files / initrd", "Defined for the static OS. Files read by grub, and the initrd the Linux kernel measures when it loads it.", UapiRegistry),
        10 => new("IMA", "Defined for the static OS. The Linux Integrity Measurement Architecture's runtime measurement list (its aggregate).", UapiRegistry),
        11 => new("UKI sections / boot phases", "Defined for the static OS. systemd-stub measures the unified kernel image's sections (kernel, initrd, command line, os-release …); systemd-pcrphase extends boot phase markers.", UapiRegistry),
        12 => new("Command line / credentials (stub)", "Defined for the static OS. The command line passed to the UEFI boot binary, and credentials and configuration extensions passed to a UKI (systemd-stub). With PCR4 it proves the command line was not changed; precomputed by nitro-tpm-pcr-compute (zero for a plain UKI); KMS condition key NitroTPMPCR12.", NitroTpmTools + "; " + UapiRegistry),
        13 => new("System extensions (stub)", "Defined for the static OS. systemd-stub: system extension images (sysext) passed to the UKI.", UapiRegistry),
        14 => new("MOK (shim)", "Defined for the static OS. shim: the Machine Owner Key list and MOK hashes.", UapiRegistry),
        15 => new("System identity (systemd)", "Defined for the static OS. systemd: volume keys of encrypted disks, the machine id and file system identities.", UapiRegistry),
        16 => new("Debug", "Reserved for debugging; any software may extend it.", AwsNitroTpm + "; " + TcgPfp),
        >= 17 and <= 22 => new("DRTM (unused)", "Dynamic root of trust measurements; they read as all ff from boot and stay so, since an instance makes no DRTM launch.", TcgPfp),
        23 => new("Application support", "Free for applications to extend and reset.", AwsNitroTpm + "; " + TcgPfp),
        _ => new("Unknown", "Not a PCR of the NitroTPM's SHA-384 bank (0–23).", AwsNitroTpm),
    };
}
