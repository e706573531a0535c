using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace NsmDashboard.Attestation;

/// <summary>
/// One verification: runs the checks in the order of <see cref="AttestationCheckId"/> and collects them.
/// A check whose input an earlier failure took away is reported as skipped, not silently dropped.
/// </summary>
internal sealed partial class VerificationRun
{
    private readonly AttestationTrustRoot _root;
    private readonly AttestationPolicy _policy;
    private readonly AttestationChainCache? _cache;
    private readonly DateTimeOffset _at;
    private readonly List<AttestationCheck> _checks = new(AttestationChecks.All.Count);

    // Certificates this run loaded and must dispose (those handed to the cache are removed from it).
    private readonly List<X509Certificate2> _owned = [];

    public VerificationRun(AttestationTrustRoot root, AttestationPolicy policy, AttestationChainCache? cache, DateTimeOffset at)
    {
        _root = root;
        _policy = policy;
        _cache = cache;
        _at = at;
    }

    public AttestationVerificationResult Run(AttestationDocument document)
    {
        try
        {
            CheckStructure(document);
            CheckAlgorithm(document);
            CheckDocumentKind(document);
            CheckSyntax(document);
            CheckCertificates(document);
            CheckChainPath();
            CheckRootPinned(document);
            CheckValidity();
            CheckConstraints();
            CheckChainSignatures();
            NotApplicable(
                AttestationCheckId.Revocation,
                "Not checked: AWS's validation procedure disables CRL checking (the CA certificates carry CRL distribution points, the leaf lives ~3 hours).");
            CheckCoseSignature(document);
            CheckPolicy(document);
            CacheValidatedChain();
            return new AttestationVerificationResult(_checks, _root, _at, _policy)
            {
                Certificates = _path?.Select(c => c.Info).ToArray() ?? (_leaf is { } leaf ? [leaf.Info] : []),
                ChainFromCache = _cached is not null,
                Document = document,
            };
        }
        finally
        {
            foreach (var certificate in _owned)
            {
                certificate.Dispose();
            }
        }
    }

    public AttestationVerificationResult RunUndecodable(AttestationDecodeException error)
    {
        Fail(
            AttestationCheckId.CoseStructure,
            AttestationFailure.Malformed,
            error.Message,
            [new("path", error.Path, false), new("offset", error.Offset.ToString(CultureInfo.InvariantCulture), false)]);
        foreach (var id in AttestationChecks.All)
        {
            if (id == AttestationCheckId.Revocation)
            {
                NotApplicable(id, "Not checked: AWS's validation procedure disables CRL checking.");
            }
            else if (id != AttestationCheckId.CoseStructure)
            {
                Skip(id, "the document could not be decoded");
            }
        }

        return new AttestationVerificationResult(_checks, _root, _at, _policy) { DecodeError = error };
    }

    private void Pass(AttestationCheckId id, string evidence, IReadOnlyList<AttestationCheckDetail>? details = null) =>
        _checks.Add(new AttestationCheck(id, AttestationCheckStatus.Passed, evidence, AttestationFailure.None, details));

    private void Fail(AttestationCheckId id, AttestationFailure failure, string evidence, IReadOnlyList<AttestationCheckDetail>? details = null) =>
        _checks.Add(new AttestationCheck(id, AttestationCheckStatus.Failed, evidence, failure, details));

    private void NotApplicable(AttestationCheckId id, string evidence) =>
        _checks.Add(new AttestationCheck(id, AttestationCheckStatus.NotApplicable, evidence, AttestationFailure.None, null));

    private void Skip(AttestationCheckId id, string reason) =>
        _checks.Add(new AttestationCheck(id, AttestationCheckStatus.Skipped, $"Not run: {reason}.", AttestationFailure.None, null));

    private bool Passed(AttestationCheckId id) =>
        _checks.Exists(c => c.Id == id && c.Status == AttestationCheckStatus.Passed);

    private static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    private static string Hex(ReadOnlySpan<byte> bytes, int max = 64) =>
        bytes.Length <= max ? Convert.ToHexStringLower(bytes) : Convert.ToHexStringLower(bytes[..max]) + $"… ({bytes.Length} bytes)";

    private static string Duration(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

    private static string Count(int count, string noun, string? plural = null) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {plural ?? noun + "s"}";
}
