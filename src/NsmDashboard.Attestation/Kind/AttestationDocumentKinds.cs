using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Attestation;

/// <summary>Facts about each <see cref="AttestationDocumentKind"/>: its name, its PCR map and the PCRs it may hold.</summary>
public static class AttestationDocumentKinds
{
    /// <summary>Every kind.</summary>
    public static IReadOnlyList<AttestationDocumentKind> All { get; } = Enum.GetValues<AttestationDocumentKind>();

    /// <summary>A name for people: <c>Nitro Enclave</c> or <c>NitroTPM instance</c>.</summary>
    public static string NameOf(AttestationDocumentKind kind) => kind switch
    {
        AttestationDocumentKind.NitroEnclave => "Nitro Enclave",
        AttestationDocumentKind.NitroTpm => "NitroTPM instance",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };

    /// <summary>The payload key of the kind's PCR map: <c>pcrs</c> or <c>nitrotpm_pcrs</c>.</summary>
    public static string PcrsKeyOf(AttestationDocumentKind kind) => kind switch
    {
        AttestationDocumentKind.NitroEnclave => AttestationPayloadKeys.Pcrs,
        AttestationDocumentKind.NitroTpm => AttestationPayloadKeys.NitroTpmPcrs,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };

    /// <summary>
    /// How many PCRs the kind has: 32 for an enclave's NSM (0–31), 24 for a TPM 2.0 PC Client bank (0–23).
    /// Valid indices are 0 to this number minus one.
    /// </summary>
    public static int PcrCountOf(AttestationDocumentKind kind) => kind switch
    {
        AttestationDocumentKind.NitroEnclave => NsmLimits.PcrCount,
        AttestationDocumentKind.NitroTpm => 24,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };

    /// <summary>
    /// The kind's <c>module_id</c> marker: real enclave documents end in <c>-enc</c> + 16 hex digits, real NitroTPM
    /// documents in <c>-tpm</c> + 16 hex digits (<c>-tpm0000000000000000</c>).
    /// </summary>
    public static string ModuleIdMarkerOf(AttestationDocumentKind kind) => kind switch
    {
        AttestationDocumentKind.NitroEnclave => "-enc",
        AttestationDocumentKind.NitroTpm => "-tpm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a document kind."),
    };

    /// <summary>The kind of document whose PCRs a measurement tool computes.</summary>
    public static AttestationDocumentKind Of(MeasurementsFormat format) => format switch
    {
        MeasurementsFormat.NitroCli => AttestationDocumentKind.NitroEnclave,
        MeasurementsFormat.NitroTpmPcrCompute => AttestationDocumentKind.NitroTpm,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a measurements format."),
    };

    /// <summary>
    /// The kind a <c>module_id</c> claims by its suffix (<c>-enc</c>/<c>-tpm</c> followed by exactly 16 hex digits),
    /// or <see langword="null"/> when it claims none (an emulator or a custom id).
    /// </summary>
    public static AttestationDocumentKind? ClaimedByModuleId(string? moduleId)
    {
        const int SuffixLength = 4 + 16;
        if (moduleId is null || moduleId.Length < SuffixLength)
        {
            return null;
        }

        var suffix = moduleId.AsSpan(moduleId.Length - SuffixLength);
        if (!IsHex(suffix[4..]))
        {
            return null;
        }

        return suffix[..4] switch
        {
            "-enc" => AttestationDocumentKind.NitroEnclave,
            "-tpm" => AttestationDocumentKind.NitroTpm,
            _ => null,
        };
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
