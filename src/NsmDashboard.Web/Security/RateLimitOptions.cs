namespace NsmDashboard.Web.Security;

/// <summary>
/// Request rates allowed per minute, bound from the <c>RateLimits</c> section: per signed-in user (or per client
/// address when nobody is signed in). Over the limit the API answers 429 with a <c>Retry-After</c>. The client address
/// is the browser's when nsm-proxy's PROXY header gave it; requests with no address at all share one bucket.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Extends and locks per user per minute (anonymous attempts: per address, refused before they are recorded).</summary>
    public int MutationsPerMinute { get; set; } = 60;

    /// <summary>Attestation requests per user per minute.</summary>
    public int AttestationsPerMinute { get; set; } = 120;

    /// <summary>Sign-in attempts (form posts) per client address per minute; showing the login page is not counted.</summary>
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>
    /// Sign-in attempts per user name per minute, whatever the address: a parent that invents an address for each
    /// connection still gets only this many guesses at one account. Names are counted in 4 096 hashed buckets, so a
    /// flood of invented names cannot grow memory, and known and unknown names are counted alike.
    /// </summary>
    public int LoginsPerUserNamePerMinute { get; set; } = 10;

    /// <summary>
    /// Password checks (PBKDF2, 600 000 iterations, ~0.1–0.5 s of one core each) running at once. The enclave has two
    /// vCPUs: one check at a time leaves the other for the circuits and the NSM.
    /// </summary>
    public int ConcurrentPasswordChecks { get; set; } = 1;

    /// <summary>Sign-ins waiting for a password check; beyond it a sign-in is refused with 503 and a Retry-After at once.</summary>
    public int QueuedPasswordChecks { get; set; } = 8;

    /// <summary>Anonymous <c>GET /api/attestation/tls</c> per client address per minute (each one signs a document with the NSM).</summary>
    public int TlsAttestationsPerAddressPerMinute { get; set; } = 30;

    /// <summary>Anonymous <c>GET /api/attestation/tls</c> per minute from all addresses together, so that invented addresses cannot keep the NSM busy.</summary>
    public int TlsAttestationsPerMinute { get; set; } = 120;
}
