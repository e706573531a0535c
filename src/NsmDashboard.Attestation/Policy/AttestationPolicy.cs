namespace NsmDashboard.Attestation;

/// <summary>
/// What an application expects of a document beyond its authenticity (docs/attestation-verification.md#expected-pcrs and the two checks after it): PCR values
/// (several allowed sets, e.g. the current and the previous release), a nonce, and a maximum age. Every part is
/// optional; a check without a policy is reported as not applicable.
/// </summary>
public sealed class AttestationPolicy
{
    /// <summary>No expectations.</summary>
    public static AttestationPolicy None { get; } = new();

    /// <summary>
    /// The kind the document must be; <see langword="null"/>: any kind (the expected PCR sets still carry theirs).
    /// Set it whenever the relying party knows what it talks to: a NitroTPM instance is not an enclave.
    /// </summary>
    public AttestationDocumentKind? ExpectedKind { get; init; }

    /// <summary>
    /// Allowed PCR sets; the document passes when it matches at least one <em>of its own kind</em> (a set for
    /// enclaves never matches a NitroTPM document, and the other way round). Empty: PCRs are not checked.
    /// </summary>
    public IReadOnlyList<ExpectedPcrSet> ExpectedPcrSets { get; init; } = [];

    /// <summary>The nonce the document must carry (byte for byte); <see langword="null"/>: not checked.</summary>
    public ReadOnlyMemory<byte>? ExpectedNonce { get; init; }

    /// <summary>
    /// The largest allowed age of the document (validation time minus its timestamp); <see langword="null"/>: not
    /// checked. Setting it also rejects documents from the future beyond <see cref="AllowedClockSkew"/>.
    /// </summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>How far the document's timestamp may lie after the validation time (clocks differ). Default: 1 minute.</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether documents from debug-mode enclaves (<see cref="AttestationDocument.IsDebugMode"/>) are acceptable.
    /// Default <see langword="true"/>: the check is then reported as not applicable. A debug-mode enclave's console
    /// and memory are open to the parent instance, and its PCR0–2 are zero, so they prove nothing about the image:
    /// a verifier deciding whether to trust an enclave sets this to <see langword="false"/>.
    /// </summary>
    public bool AllowDebugMode { get; init; } = true;

    /// <summary>
    /// This policy with another expected nonce (<see langword="null"/>: not checked): one standing policy — which
    /// enclave — met by every document, and each exchange's own nonce on top.
    /// </summary>
    public AttestationPolicy WithNonce(ReadOnlyMemory<byte>? nonce) => new()
    {
        // Every property but the nonce, copied: keep this list whole when a property is added.
        ExpectedKind = ExpectedKind,
        ExpectedPcrSets = ExpectedPcrSets,
        ExpectedNonce = nonce,
        MaxAge = MaxAge,
        AllowedClockSkew = AllowedClockSkew,
        AllowDebugMode = AllowDebugMode,
    };

    /// <summary>Whether the policy checks anything.</summary>
    public bool IsEmpty => ExpectedKind is null && ExpectedPcrSets.Count == 0 && ExpectedNonce is null && MaxAge is null && AllowDebugMode;
}
