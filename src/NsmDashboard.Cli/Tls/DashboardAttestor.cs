using System.Security.Cryptography;
using NsmDashboard.Attestation;

namespace NsmDashboard.Cli.Tls;

/// <summary>
/// Attests a dashboard's TLS connection: fetches <c>/api/attestation/tls</c> with a fresh nonce over one connection,
/// verifies the document against the pinned root and the <see cref="EnclavePolicy"/>, and checks that it binds the
/// certificate served on that connection. Shared by <c>verify-tls</c>, <c>connect</c> and <c>audit pull</c>.
/// </summary>
internal sealed class DashboardAttestor
{
    /// <summary>The size of a fresh nonce.</summary>
    public const int NonceBytes = 32;

    private readonly AttestationVerifier _verifier;
    private readonly EnclavePolicy _policy;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public DashboardAttestor(AttestationTrustRoot root, EnclavePolicy policy, TimeSpan timeout, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
        _verifier = new AttestationVerifier(new AttestationVerifierOptions { TrustRoot = root, ChainCache = null, TimeProvider = _time });
    }

    /// <summary>How long one attestation may take (connection and answer).</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>The policy every attestation is held to.</summary>
    public EnclavePolicy Policy => _policy;

    /// <summary>Attests <paramref name="server"/>; the report owns the exchange (dispose it).</summary>
    /// <param name="server">The dashboard's https base address.</param>
    /// <param name="nonce">The nonce to send; <see langword="null"/>: 32 fresh random bytes.</param>
    /// <param name="at">The validation time; default: now.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <exception cref="CliException">No connection (exit 2) or no document in the answer (exit 1).</exception>
    public async Task<VerifyTlsReport> AttestAsync(Uri server, byte[]? nonce, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var nonceBytes = nonce ?? RandomNumberGenerator.GetBytes(NonceBytes);
        var exchange = await TlsAttestationExchange.FetchAsync(server, nonceBytes, _timeout, cancellationToken).ConfigureAwait(false);
        var certificate = exchange.Connection.Certificate;
        var result = _verifier.Verify(exchange.Document, at, _policy.For(nonceBytes));
        var binding = TlsBindingCheck.Evaluate(result.Document, certificate.RawDataMemory.Span, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        return new VerifyTlsReport(exchange, _policy, nonceBytes, nonce is not null, result, binding, _time.GetUtcNow());
    }
}
