using System.Globalization;
using NsmDashboard.Attestation;

namespace NsmDashboard.Web.Features.Lab.Diff;

public sealed partial class DocumentDiff
{
    private static DiffRow CompareText(string key, string field, string? left, string? right) =>
        new(key, field, left, right, Status(left, right));

    private static DiffStatus Status(string? left, string? right) => (left, right) switch
    {
        (null, null) => DiffStatus.Same,
        (_, null) => DiffStatus.OnlyLeft,
        (null, _) => DiffStatus.OnlyRight,
        _ => string.Equals(left, right, StringComparison.Ordinal) ? DiffStatus.Same : DiffStatus.Differs,
    };

    private static DiffRow CompareKinds(DiffSide left, DiffSide right) =>
        CompareText("kind", "kind", KindName(left), KindName(right));

    private static string KindName(DiffSide side) =>
        side.Kind is { } kind ? AttestationDocumentKinds.NameOf(kind) : "undecided";

    private static DiffRow[] ComparePcrs(DiffSide left, DiffSide right)
    {
        if (left.Kind is { } a && right.Kind is { } b && a != b)
        {
            // PCR4 of an enclave is its parent's instance id, PCR4 of a NitroTPM the boot loader: comparing them says nothing.
            var note = $"A is a {AttestationDocumentKinds.NameOf(a)}, B a {AttestationDocumentKinds.NameOf(b)}: the same index is another register, so the PCRs are not compared.";
            return [new DiffRow("pcrs-kind", "PCRs", AttestationDocumentKinds.PcrsKeyOf(a), AttestationDocumentKinds.PcrsKeyOf(b), DiffStatus.NotApplicable, note)];
        }

        var indices = new SortedSet<int>(left.Pcrs?.Keys ?? []);
        indices.UnionWith(right.Pcrs?.Keys ?? []);
        return indices.Select(i => ComparePcr(i, left, right)).ToArray();
    }

    private static DiffRow ComparePcr(int index, DiffSide left, DiffSide right)
    {
        var row = CompareText(
            string.Create(CultureInfo.InvariantCulture, $"pcr-{index}"),
            string.Create(CultureInfo.InvariantCulture, $"PCR{index}"),
            left.Pcrs is { } a && a.TryGetValue(index, out var x) ? Convert.ToHexStringLower(x.Span) : null,
            right.Pcrs is { } b && b.TryGetValue(index, out var y) ? Convert.ToHexStringLower(y.Span) : null);

        // A document holds only the PCRs locked when it was made; an unlocked live PCR is absent from it by design.
        var holder = row.Status switch
        {
            DiffStatus.OnlyLeft when !right.IsLive => left,
            DiffStatus.OnlyRight when !left.IsLive => right,
            _ => null,
        };
        return holder is { IsLive: true, UnlockedPcrs: { } unlocked } && unlocked.Contains(index)
            ? row with { Status = DiffStatus.NotApplicable, Note = "Unlocked on the live module: documents carry only locked PCRs." }
            : row;
    }

    // Absent, null, empty and bytes are four different answers (docs/attestation-document.md#payload); all four are shown as such.
    private static DiffRow CompareOptional(string key, OptionalBytes? left, OptionalBytes? right)
    {
        var a = left ?? OptionalBytes.Absent;
        var b = right ?? OptionalBytes.Absent;
        var status = a == b
            ? DiffStatus.Same
            : (a.Kind, b.Kind) switch
            {
                (_, OptionalBytesKind.Absent) => DiffStatus.OnlyLeft,
                (OptionalBytesKind.Absent, _) => DiffStatus.OnlyRight,
                _ => DiffStatus.Differs,
            };
        var note = a.Kind != b.Kind ? $"A: {a}, B: {b}." : null;
        return new DiffRow(key, key, Optional(a), Optional(b), status, note);
    }

    private static string? Optional(OptionalBytes value) => value.Kind switch
    {
        OptionalBytesKind.Absent => null,
        OptionalBytesKind.Null => "null",
        OptionalBytesKind.Empty => "empty (0 bytes)",
        _ => Convert.ToHexStringLower(value.Value.Span),
    };

    private static DiffRow NotApplicable(string key, DiffSide left, DiffSide right) =>
        new(key, key, left.IsLive ? null : "(document)", right.IsLive ? null : "(document)", DiffStatus.NotApplicable,
            "The live state has no such field: only attestation documents carry it.");

    private static IReadOnlyList<DiffRow> CompareCertificates(DiffCertificate? left, DiffCertificate? right) =>
    [
        CompareText("certificate-subject", "certificate subject", left?.Subject ?? left?.Error, right?.Subject ?? right?.Error),
        CompareText("certificate-serial", "certificate serial", left?.SerialNumber, right?.SerialNumber),
        CompareText("certificate-not-before", "certificate not before", Time(left?.NotBefore), Time(right?.NotBefore)),
        CompareText("certificate-not-after", "certificate not after", Time(left?.NotAfter), Time(right?.NotAfter)),
        CompareText("certificate-sha256", "certificate SHA-256", left?.Sha256, right?.Sha256),
    ];

    private static List<DiffRow> CompareBundles(IReadOnlyList<DiffCertificate>? left, IReadOnlyList<DiffCertificate>? right)
    {
        var rows = new List<DiffRow>
        {
            CompareText("cabundle-count", "cabundle entries", Count(left), Count(right)),
        };
        var length = Math.Max(left?.Count ?? 0, right?.Count ?? 0);
        for (var i = 0; i < length; i++)
        {
            var a = left is not null && i < left.Count ? left[i] : null;
            var b = right is not null && i < right.Count ? right[i] : null;

            // Entries are the same certificate when their DER is: compare fingerprints, show subjects.
            var status = Status(a?.Sha256, b?.Sha256);
            rows.Add(new DiffRow(
                string.Create(CultureInfo.InvariantCulture, $"cabundle-{i}"),
                string.Create(CultureInfo.InvariantCulture, $"cabundle[{i}]{(i == 0 ? " (root)" : string.Empty)}"),
                a?.Summary,
                b?.Summary,
                status,
                status == DiffStatus.Differs && a?.Subject == b?.Subject ? "Same subject, different certificate (reissued)." : null));
        }

        return rows;
    }

    private static string? Count(IReadOnlyList<DiffCertificate>? bundle) =>
        bundle?.Count.ToString(CultureInfo.InvariantCulture);
}
