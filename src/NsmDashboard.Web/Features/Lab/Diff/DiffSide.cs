using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Lab.Diff;

/// <summary>
/// One side of a diff: the fields of an attestation document, or the live state (DescribeNSM and every PCR,
/// read now). The live state has no nonce, keys or certificates: those fields are <see langword="null"/> there
/// and the diff marks them <see cref="DiffStatus.NotApplicable"/>.
/// </summary>
public sealed record DiffSide
{
    /// <summary>What the side is, for headings (<c>Document (base64, 4479 bytes)</c>, <c>Live state</c>).</summary>
    public required string Description { get; init; }

    /// <summary>Whether the side is the live state rather than a document.</summary>
    public required bool IsLive { get; init; }

    /// <summary><c>module_id</c>; <see langword="null"/> when absent or null.</summary>
    public string? ModuleId { get; init; }

    /// <summary><c>digest</c> (<c>SHA384</c>); <see langword="null"/> when absent or null.</summary>
    public string? Digest { get; init; }

    /// <summary>The document's timestamp, or the time the live state was read.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>
    /// The document's kind (a NitroTPM document's PCRs are another bank than an enclave's); the live state is an
    /// enclave's NSM; <see langword="null"/> when the document has both PCR maps or neither.
    /// </summary>
    public AttestationDocumentKind? Kind { get; init; }

    /// <summary>The PCRs of the side's kind by index (<c>pcrs</c> or <c>nitrotpm_pcrs</c>); <see langword="null"/> when the document has none.</summary>
    public IReadOnlyDictionary<int, ReadOnlyMemory<byte>>? Pcrs { get; init; }

    /// <summary>
    /// For the live state, the PCRs that are not locked. A document carries only the PCRs locked when it was made
    /// (docs/pcrs.md#attestation-pcrs), so an unlocked live PCR missing from a document is expected, not a difference.
    /// </summary>
    public IReadOnlySet<int>? UnlockedPcrs { get; init; }

    /// <summary><c>public_key</c>; <see langword="null"/> for the live state.</summary>
    public OptionalBytes? PublicKey { get; init; }

    /// <summary><c>user_data</c>; <see langword="null"/> for the live state.</summary>
    public OptionalBytes? UserData { get; init; }

    /// <summary><c>nonce</c>; <see langword="null"/> for the live state.</summary>
    public OptionalBytes? Nonce { get; init; }

    /// <summary>The signing certificate; <see langword="null"/> when absent, or for the live state.</summary>
    public DiffCertificate? Certificate { get; init; }

    /// <summary>The cabundle, root first; <see langword="null"/> when absent, or for the live state.</summary>
    public IReadOnlyList<DiffCertificate>? CaBundle { get; init; }

    /// <summary>The fields of a decoded document.</summary>
    public static DiffSide FromDocument(AttestationDocument document, string description)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(description);
        return new DiffSide
        {
            Description = description,
            IsLive = false,
            ModuleId = document.ModuleId,
            Digest = document.Digest,
            Timestamp = document.Timestamp,
            Kind = document.Kind,
            Pcrs = document.KindPcrs ?? document.Pcrs ?? document.NitroTpmPcrs,
            PublicKey = document.PublicKey,
            UserData = document.UserData,
            Nonce = document.Nonce,
            Certificate = document.Certificate is { } der ? DiffCertificate.FromDer(der) : null,
            CaBundle = document.CaBundle?.Select(DiffCertificate.FromDer).ToArray(),
        };
    }

    /// <summary>The live state: DescribeNSM's module id and digest, and every PCR.</summary>
    /// <param name="snapshot">DescribeNSM and the PCRs.</param>
    /// <param name="readAt">When they were read (compared with a document's timestamp).</param>
    public static DiffSide FromLive(NsmSnapshot snapshot, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new DiffSide
        {
            Description = "Live state (DescribeNSM and DescribePCR now)",
            IsLive = true,
            ModuleId = snapshot.Module.ModuleId,
            Digest = snapshot.Module.Digest.ToWireName(),
            Timestamp = readAt,
            Kind = AttestationDocumentKind.NitroEnclave,
            Pcrs = snapshot.Pcrs.ToDictionary(p => (int)p.Index, p => p.Value),
            UnlockedPcrs = snapshot.Pcrs.Where(p => !p.Locked).Select(p => (int)p.Index).ToHashSet(),
        };
    }
}
