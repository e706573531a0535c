using System.Globalization;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Output;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// What attesting one TLS connection found: the connection, the policy, the nonce, the verifier's result, the
/// binding checks, and the certificate's age.
/// </summary>
internal sealed record VerifyTlsReport(
    TlsAttestationExchange Exchange,
    EnclavePolicy Policy,
    byte[] Nonce,
    bool NonceGiven,
    AttestationVerificationResult Result,
    IReadOnlyList<TlsBindingCheck> Binding,
    DateTimeOffset CheckedAt) : IDisposable
{
    /// <summary>
    /// A dashboard makes its key and certificate when it starts (dated 5 minutes back). A certificate older than
    /// this is worth a warning: the dashboard has run that long, or its key was loaded from a file, which the
    /// parent instance may hold.
    /// </summary>
    public static readonly TimeSpan OldCertificateAge = TimeSpan.FromDays(1);

    /// <summary>Whether the document is valid, meets the policy, and is bound to the served certificate.</summary>
    public bool Verified => Result.IsValid && Binding.All(check => check.Passed);

    /// <summary>The served certificate's fingerprints.</summary>
    public CertificateFingerprint Fingerprint => Exchange.Connection.Fingerprint;

    /// <summary>The certificate's age: now minus its NotBefore (negative when it is dated in the future).</summary>
    public TimeSpan CertificateAge => CheckedAt - new DateTimeOffset(Exchange.Connection.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Warnings that do not fail the check but that the operator should read.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>(Policy.Warnings);
            if (CertificateAge > OldCertificateAge)
            {
                warnings.Add(
                    $"the certificate was made {AgeText(CertificateAge)} ago. A dashboard makes its key when it starts, inside the enclave; "
                    + "an older certificate means it has run that long, or that its key was loaded from a file, which the parent instance may hold");
            }
            else if (CertificateAge < -TimeSpan.FromMinutes(10))
            {
                warnings.Add($"the certificate is dated {AgeText(-CertificateAge)} in the future: this clock or the dashboard's is wrong");
            }

            if (Policy.AllowDebug && Result.Document?.IsDebugMode == true)
            {
                warnings.Add("--allow-debug: the enclave runs in debug mode; the parent instance can read its console and memory");
            }

            if (Policy.AnyEnclave && Verified)
            {
                warnings.Add("--any-enclave: the PCRs were not checked, so this may be any enclave, including one the parent instance runs");
            }

            return warnings;
        }
    }

    /// <summary>One line: what was proven, or the first thing that failed.</summary>
    public string Verdict
    {
        get
        {
            if (Result.FirstFailure is { } failure)
            {
                return failure.Id is AttestationCheckId.DebugMode or AttestationCheckId.ExpectedPcrs
                    ? $"NOT VERIFIED: not the expected enclave ({failure.Failure}): {failure.Name}: {failure.Evidence}"
                    : $"NOT VERIFIED: the document is invalid ({failure.Failure}): {failure.Name}: {failure.Evidence}";
            }

            if (Binding.FirstOrDefault(check => !check.Passed) is { } unbound)
            {
                return $"NOT VERIFIED: {unbound.Name}: failed. The document is genuine, but it binds another certificate than the one this connection was served";
            }

            var origin = Result.TrustRoot.Kind == AttestationTrustRootKind.Aws
                ? "an AWS Nitro enclave"
                : $"the enclave under the {VerifyReport.RootKindName(Result.TrustRoot.Kind)} root {Result.TrustRoot.Subject} (NOT rooted in AWS)";
            var image = MatchedSet is { } set ? $", running the image of {set.Name}" : ", running any image (PCRs not checked)";
            return $"VERIFIED: this TLS connection ends in {origin}{image}, whose attestation binds the served certificate";
        }
    }

    /// <summary>The expected PCR set the document matched, if any.</summary>
    public ExpectedPcrSet? MatchedSet =>
        Result.IsValid && Result.Document?.Pcrs is { } pcrs
            ? Policy.ExpectedPcrSets.FirstOrDefault(set => set.Pcrs.All(expected => pcrs.TryGetValue(expected.Key, out var value) && value.Span.SequenceEqual(expected.Value.Span)))
            : null;

    /// <summary>The first failed check (verifier or binding), as <c>name: evidence</c>; null when verified.</summary>
    public string? FirstFailureText =>
        Result.FirstFailure is { } failure ? $"{failure.Name}: {failure.Evidence}"
        : Binding.FirstOrDefault(check => !check.Passed) is { } unbound ? $"{unbound.Name}: {unbound.Evidence}"
        : null;

    /// <inheritdoc/>
    public void Dispose() => Exchange.Dispose();

    /// <summary>An age as the largest two units: <c>3 d 4 h</c>, <c>12 min 5 s</c>.</summary>
    public static string AgeText(TimeSpan age)
    {
        age = age.Duration();
        return age.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d {age.Hours} h")
            : age.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min {age.Seconds} s");
    }
}
