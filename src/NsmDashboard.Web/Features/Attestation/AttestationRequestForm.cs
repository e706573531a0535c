using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Components.Controls;

namespace NsmDashboard.Web.Features.Attestation;

/// <summary>
/// The Attestation page's form: nonce, user_data and public_key as the operator gives them, each checked against
/// the NSM's 1024-byte limit (<see cref="NsmLimits.AttestationFieldMaxSize"/>) with a message naming the problem.
/// </summary>
public sealed class AttestationRequestForm
{
    /// <summary>The size of a generated nonce: 32 bytes, as unguessable as a SHA-256.</summary>
    public const int GeneratedNonceLength = 32;

    private const int MaxSize = NsmLimits.AttestationFieldMaxSize;

    /// <summary>Creates a form with a freshly generated nonce and no user_data or public_key.</summary>
    public AttestationRequestForm() => RegenerateNonce();

    /// <summary>How the nonce is given: <see cref="AttestationFieldMode.Generated"/>, <see cref="AttestationFieldMode.Hex"/> or <see cref="AttestationFieldMode.None"/>.</summary>
    public AttestationFieldMode NonceMode { get; set; } = AttestationFieldMode.Generated;

    /// <summary>The generated nonce (used in <see cref="AttestationFieldMode.Generated"/> mode).</summary>
    public byte[] GeneratedNonce { get; private set; } = [];

    /// <summary>The nonce as hex (used in <see cref="AttestationFieldMode.Hex"/> mode).</summary>
    public string? NonceHex { get; set; }

    /// <summary>How user_data is given: <see cref="AttestationFieldMode.None"/>, <see cref="AttestationFieldMode.Text"/> or <see cref="AttestationFieldMode.Hex"/>.</summary>
    public AttestationFieldMode UserDataMode { get; set; } = AttestationFieldMode.None;

    /// <summary>user_data as typed (text or hex, per <see cref="UserDataMode"/>).</summary>
    public string? UserDataInput { get; set; }

    /// <summary>How public_key is given: <see cref="AttestationFieldMode.None"/>, <see cref="AttestationFieldMode.Pem"/> or <see cref="AttestationFieldMode.File"/>.</summary>
    public AttestationFieldMode PublicKeyMode { get; set; } = AttestationFieldMode.None;

    /// <summary>The public key as pasted PEM.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>The uploaded key file's name, if any.</summary>
    public string? PublicKeyFileName { get; private set; }

    /// <summary>The uploaded file's SubjectPublicKeyInfo, when it parsed.</summary>
    public byte[]? PublicKeyFileBytes { get; private set; }

    /// <summary>Why the uploaded file cannot be used, if it cannot.</summary>
    public string? PublicKeyFileError { get; private set; }

    /// <summary>The nonce's problem, or <see langword="null"/>.</summary>
    public string? NonceError => Nonce(out _);

    /// <summary>The user_data's problem, or <see langword="null"/>.</summary>
    public string? UserDataError => UserData(out _);

    /// <summary>The public_key's problem, or <see langword="null"/>.</summary>
    public string? PublicKeyError => PublicKey(out _);

    /// <summary>Whether every field is valid.</summary>
    public bool IsValid => NonceError is null && UserDataError is null && PublicKeyError is null;

    /// <summary>Draws a new 32-byte nonce from the operating system's CSPRNG.</summary>
    public void RegenerateNonce() => GeneratedNonce = RandomNumberGenerator.GetBytes(GeneratedNonceLength);

    /// <summary>Takes an uploaded key file (PEM or DER) and keeps its SubjectPublicKeyInfo or the reason it cannot be used.</summary>
    public void SetPublicKeyFile(string name, ReadOnlySpan<byte> content)
    {
        PublicKeyFileName = name;
        PublicKeyFileBytes = PublicKeyInput.TryParseFile(content, out var spki, out var error) ? spki : null;
        PublicKeyFileError = error;
    }

    /// <summary>Records that a key file could not be taken at all (too large, unreadable).</summary>
    public void RejectPublicKeyFile(string name, string error)
    {
        PublicKeyFileName = name;
        PublicKeyFileBytes = null;
        PublicKeyFileError = error;
    }

    /// <summary>Builds the request, or lists what is wrong (one message per field).</summary>
    public bool TryBuild(out AttestationRequest request, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        AddProblem(problems, "nonce", Nonce(out var nonce));
        AddProblem(problems, "user_data", UserData(out var userData));
        AddProblem(problems, "public_key", PublicKey(out var publicKey));
        errors = problems;

        // byte[]? → ReadOnlyMemory<byte>? must keep null as null, not an empty memory (team brief).
        request = new AttestationRequest(
            UserData: userData is null ? null : (ReadOnlyMemory<byte>?)userData,
            Nonce: nonce is null ? null : (ReadOnlyMemory<byte>?)nonce,
            PublicKey: publicKey is null ? null : (ReadOnlyMemory<byte>?)publicKey);
        return problems.Count == 0;
    }

    /// <summary>The current nonce bytes, or <see langword="null"/> when none or invalid.</summary>
    public byte[]? NonceBytes => Nonce(out var bytes) is null ? bytes : null;

    /// <summary>The current user_data bytes, or <see langword="null"/> when none or invalid.</summary>
    public byte[]? UserDataBytes => UserData(out var bytes) is null ? bytes : null;

    /// <summary>The current public_key bytes, or <see langword="null"/> when none or invalid.</summary>
    public byte[]? PublicKeyBytes => PublicKey(out var bytes) is null ? bytes : null;

    private string? Nonce(out byte[]? bytes)
    {
        bytes = null;
        switch (NonceMode)
        {
            case AttestationFieldMode.Generated:
                bytes = GeneratedNonce;
                return null;
            case AttestationFieldMode.Hex:
                if (string.IsNullOrWhiteSpace(NonceHex))
                {
                    return "Enter the nonce as hex, or choose Generated or None.";
                }

                if (!HexText.TryParse(NonceHex, out var parsed, out var error))
                {
                    return error.Message;
                }

                bytes = parsed;
                return CheckSize(parsed.Length);
            default:
                return null;
        }
    }

    private string? UserData(out byte[]? bytes)
    {
        bytes = null;
        switch (UserDataMode)
        {
            case AttestationFieldMode.Text:
                bytes = Encoding.UTF8.GetBytes(UserDataInput ?? string.Empty);
                return CheckSize(bytes.Length);
            case AttestationFieldMode.Hex:
                if (!HexText.TryParse(UserDataInput, out var parsed, out var error))
                {
                    bytes = null;
                    return error.Message;
                }

                bytes = parsed;
                return CheckSize(parsed.Length);
            default:
                return null;
        }
    }

    private string? PublicKey(out byte[]? bytes)
    {
        bytes = null;
        switch (PublicKeyMode)
        {
            case AttestationFieldMode.Pem:
                if (string.IsNullOrWhiteSpace(PublicKeyPem))
                {
                    return "Paste a PEM public key, or choose None.";
                }

                if (!PublicKeyInput.TryParsePem(PublicKeyPem, out var spki, out var error))
                {
                    return error;
                }

                bytes = spki;
                return CheckSize(spki.Length);
            case AttestationFieldMode.File:
                if (PublicKeyFileName is null)
                {
                    return "Choose a PEM or DER public key file, or choose None.";
                }

                if (PublicKeyFileError is not null)
                {
                    return PublicKeyFileError;
                }

                bytes = PublicKeyFileBytes;
                return CheckSize(bytes?.Length ?? 0);
            default:
                return null;
        }
    }

    private static string? CheckSize(int length) => length > MaxSize
        ? string.Create(CultureInfo.InvariantCulture, $"{length} bytes is too large: the NSM takes at most {MaxSize} bytes per field.")
        : null;

    private static void AddProblem(List<string> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems.Add($"{field}: {problem}");
        }
    }
}
