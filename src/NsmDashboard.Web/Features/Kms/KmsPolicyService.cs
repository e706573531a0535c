using System.Security.Cryptography;
using NsmDashboard.Attestation;
using NsmDashboard.Kms;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>
/// The KMS key-policy helper for the page and the API: reads what an operator pastes (documents, measurements,
/// policies) into <see cref="NsmDashboard.Kms"/> types with field-named errors, and asks this dashboard's NSM for
/// documents — always through <see cref="AttestationService"/> and so <see cref="NsmOperations"/>' gate and audit.
/// Stateless; the Recipient key pair lives in the circuit that made it, never here.
/// </summary>
public sealed class KmsPolicyService(AttestationService attestation)
{
    private const int NonceLength = 32;

    /// <summary>
    /// The live module's measurements: a fresh document over a random nonce (a Viewer may ask for one), verified
    /// against this dashboard's root before its PCRs are used.
    /// </summary>
    /// <exception cref="NsmException">The NSM refused or failed.</exception>
    /// <exception cref="KmsInputException">The module's document did not verify or carries no usable PCRs.</exception>
    public async Task<AttestationEvidence> LiveEvidenceAsync(NsmCaller caller, CancellationToken cancellationToken = default)
    {
        var outcome = await attestation.RequestAsync(new AttestationRequest(Nonce: RandomNumberGenerator.GetBytes(NonceLength)), caller, cancellationToken)
            .ConfigureAwait(false);
        if (!outcome.IsValid || outcome.Decoded is not { } document)
        {
            throw new KmsInputException("live", $"The module's document does not verify against {outcome.TrustRoot.Name}: "
                + (outcome.Verification.FirstFailure?.Evidence ?? outcome.DecodeError?.Message ?? "see the Attestation page"));
        }

        return Evidence(document, "live");
    }

    /// <summary>A pasted document (base64 or hex), decoded only: KMS verifies it, and the page says so.</summary>
    /// <exception cref="KmsInputException">Not a document, or one without usable PCRs.</exception>
    public static AttestationEvidence DocumentEvidence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new KmsInputException("document", "Paste an attestation document (base64 or hex).");
        }

        try
        {
            var input = AttestationInput.Parse(text);
            return Evidence(AttestationDocument.Decode(input.Document.Span), "document");
        }
        catch (AttestationInputException e)
        {
            throw new KmsInputException("document", $"Not base64 or hex: {e.Message}", e);
        }
        catch (AttestationDecodeException e)
        {
            throw new KmsInputException("document", $"Not a well-formed attestation document: {e.Message}", e);
        }
    }

    /// <summary>Pasted <c>nitro-cli</c> or <c>nitro-tpm-pcr-compute</c> JSON.</summary>
    /// <exception cref="KmsInputException">Neither tool's JSON.</exception>
    public static AttestationEvidence MeasurementsEvidence(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new KmsInputException("measurements", "Paste the JSON of 'nitro-cli build-enclave'/'describe-eif' or 'nitro-tpm-pcr-compute'.");
        }

        try
        {
            return AttestationEvidence.FromMeasurements(ExpectedMeasurements.Parse(json));
        }
        catch (MeasurementsFormatException e)
        {
            throw new KmsInputException("measurements", e.Message, e);
        }
    }

    /// <summary>Makes the condition block and statements.</summary>
    /// <exception cref="KmsInputException">A chosen PCR is not in the source, or the source is a debug-mode enclave.</exception>
    public static KmsPolicyGeneration Generate(AttestationEvidence evidence, KmsPolicyGenerationOptions options)
    {
        try
        {
            return KmsPolicyGenerator.Generate(evidence, options);
        }
        catch (KmsPolicyGenerationException e)
        {
            throw new KmsInputException("pcrs", e.Message, e);
        }
    }

    /// <summary>Parses a pasted policy.</summary>
    /// <exception cref="KmsInputException">The policy is not JSON or not a policy (the JSON path is named).</exception>
    public static KeyPolicy ParsePolicy(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            throw new KmsInputException("policy", "Paste the key policy (JSON).");
        }

        try
        {
            return KeyPolicyParser.Parse(policy);
        }
        catch (KeyPolicyFormatException e)
        {
            throw new KmsInputException("policy", $"Not a policy: {e.Message}", e);
        }
    }

    /// <summary>
    /// Requests a document binding <paramref name="pair"/>'s public key (an Operator's credential: the gate refuses a
    /// Viewer) and checks the module put that very key in it.
    /// </summary>
    /// <exception cref="NsmAccessDeniedException">The caller may not bind a public key.</exception>
    /// <exception cref="NsmException">The NSM refused or failed.</exception>
    /// <exception cref="KmsInputException">The document does not carry the key pair's public key.</exception>
    public async Task<AttestationOutcome> RequestRecipientDocumentAsync(RecipientKeyPair pair, NsmCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var request = new AttestationRequest(Nonce: RandomNumberGenerator.GetBytes(NonceLength), PublicKey: pair.SubjectPublicKeyInfo);
        var outcome = await attestation.RequestAsync(request, caller, cancellationToken).ConfigureAwait(false);
        if (outcome.Decoded is not { } document || !document.PublicKey.TryGetBytes(out var key) || !pair.IsPublicKey(key.Span))
        {
            throw new KmsInputException("recipient", "The module's document does not carry this key pair's public key; do not send it to KMS.");
        }

        return outcome;
    }

    /// <summary>
    /// The command to run on the parent: the document goes inline as base64, the form AWS's NitroTPM tooling uses
    /// (aws/NitroTPM-Tools, nitro-tpm-attest/README.md); the CLI prints CiphertextForRecipient as base64.
    /// </summary>
    public static string DecryptCommand(string documentFile = "attestation-document.b64") =>
        "aws kms decrypt --key-id \"$KEY_ID\" --ciphertext-blob fileb://ciphertext.bin \\\n"
        + $"  --recipient \"KeyEncryptionAlgorithm=RSAES_OAEP_SHA_256,AttestationDocument=$(cat {documentFile})\" \\\n"
        + "  --query CiphertextForRecipient --output text";

    private static AttestationEvidence Evidence(AttestationDocument document, string member)
    {
        try
        {
            return AttestationEvidence.FromDocument(document);
        }
        catch (KmsEvidenceException e)
        {
            throw new KmsInputException(member, e.Message, e);
        }
    }
}
