namespace NsmDashboard.Attestation;

/// <summary>
/// Debug mode, the one rule for documents and live modules alike (docs/attestation-verification.md#debug-mode). An enclave started with
/// <c>nitro-cli run-enclave --debug-mode</c> has a console the parent instance can read, and AWS documents that its
/// attestation documents carry PCRs made of zeros
/// (https://docs.aws.amazon.com/enclaves/latest/user/cmd-nitro-run-enclave.html): PCR0, PCR1 and PCR2 — the
/// image, the kernel and bootstrap, the application — are all zero, while PCR3 and PCR4 still measure the parent's
/// role and instance. The NSM has no other flag for it.
/// </summary>
/// <remarks>
/// All three must be present and zero. One zero PCR alone is not debug mode: an image can never measure to 48 zero
/// bytes, but a document that zeroes PCR0 and carries real PCR1 and PCR2 is not what debug mode produces, and calling
/// it debug mode would excuse it. The real debug-mode documents in tests/Shared/Vectors (nitrite 2021, evervault 2023)
/// have PCR0, 1 and 2 zero; the production one (evervault 2022) has none zero.
/// </remarks>
public static class EnclaveDebugMode
{
    /// <summary>The PCRs that read as all zeros in debug mode: 0 (image), 1 (kernel and bootstrap) and 2 (application).</summary>
    public static IReadOnlyList<int> ZeroPcrs { get; } = [0, 1, 2];

    /// <summary>Whether PCR0, PCR1 and PCR2 are all present, not empty, and all zero.</summary>
    /// <param name="pcr">The value of a PCR by index, or <see langword="null"/> when there is none.</param>
    public static bool IsIndicatedBy(Func<int, ReadOnlyMemory<byte>?> pcr)
    {
        ArgumentNullException.ThrowIfNull(pcr);
        foreach (var index in ZeroPcrs)
        {
            if (pcr(index) is not { IsEmpty: false } value || value.Span.ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether PCR0, PCR1 and PCR2 of a PCR map are all present, not empty, and all zero.</summary>
    public static bool IsIndicatedBy(IReadOnlyDictionary<int, ReadOnlyMemory<byte>> pcrs)
    {
        ArgumentNullException.ThrowIfNull(pcrs);
        return IsIndicatedBy(index => pcrs.TryGetValue(index, out var value) ? value : null);
    }
}
