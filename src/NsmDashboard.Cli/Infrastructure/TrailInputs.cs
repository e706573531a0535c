using System.CommandLine;
using NsmDashboard.Attestation;
using NsmDashboard.Cli.Parsing;
using NsmDashboard.Cli.Tls;
using NsmDashboard.Evidence.Checkpoints;
using NsmDashboard.Evidence.Verification;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// The options and inputs the trail commands share: the trail file, the pinned root, the enclave policy every
/// checkpoint must meet (<see cref="EnclavePolicyArguments"/>, as for <c>verify-tls</c>), checkpoints given beside the file.
/// </summary>
internal sealed class TrailInputs
{
    public Argument<string> File { get; } = new("FILE") { Description = "The trail: JSON lines as `nsm audit pull` writes them (or as the export route serves them)" };

    public Option<string[]> Checkpoints { get; } = new("--checkpoint")
    {
        Description = "An attestation document binding a checkpoint (CBOR, base64 or hex) kept beside the file; repeatable. It proves the file reaches its record, or shows the tail was cut",
        HelpName = "DOC",
    };

    public Option<string?> Root { get; } = new("--root") { Description = "Pin this root certificate (PEM file) instead of AWS's", HelpName = "PEM" };

    public Option<string?> EmulatorRoot { get; } = new("--emulator-root")
    {
        Description = "Pin the emulator root stored in this directory (the dashboard's Nsm:Emulator:CertificateAuthorityDirectory)",
        HelpName = "DIR",
    };

    public Option<bool> Partial { get; } = new("--partial")
    {
        Description = "The file is a segment exported from a cursor: it may begin without its chain's genesis",
    };

    /// <summary>Which enclave every checkpoint must come from: the root alone would pass one the parent's own enclave signed.</summary>
    public EnclavePolicyArguments Policy { get; } = new();

    public void AddTo(Command command, bool withFile = true)
    {
        if (withFile)
        {
            command.Arguments.Add(File);
            command.Options.Add(Checkpoints);
            command.Options.Add(Partial);
        }

        command.Options.Add(Root);
        command.Options.Add(EmulatorRoot);
        Policy.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Root) is { Implicit: false } && result.GetResult(EmulatorRoot) is { Implicit: false })
            {
                result.AddError("--root and --emulator-root conflict: pin one root");
            }
        });
    }

    /// <summary>The enclave policy the options give, its warnings written to <paramref name="error"/>.</summary>
    /// <exception cref="CliException">No policy was given, or it is bad (exit 2).</exception>
    public EnclavePolicy ParsePolicy(ParseResult parseResult, string command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var policy = Policy.Parse(parseResult, command);
        foreach (var warning in policy.Warnings)
        {
            error.WriteLine($"nsm: warning: {warning}");
        }

        return policy;
    }

    /// <summary>The checkpoint verifier: the pinned root, and the enclave policy every checkpoint must meet.</summary>
    /// <exception cref="CliException">No policy was given, it is bad, or the root cannot be loaded (exit 2).</exception>
    public CheckpointVerifier Verifier(ParseResult parseResult, string command, TextWriter error)
    {
        var policy = ParsePolicy(parseResult, command, error);
        return new(LoadRoot(parseResult), policy.Stored);
    }

    /// <exception cref="CliException">The root cannot be loaded (exit 2).</exception>
    public AttestationTrustRoot LoadRoot(ParseResult parseResult) =>
        TrustRoots.Load(parseResult.GetValue(Root), parseResult.GetValue(EmulatorRoot));

    /// <summary>Reads and verifies the trail file, with the checkpoints given beside it.</summary>
    /// <exception cref="CliException">The file or a checkpoint cannot be read (exit 2).</exception>
    public TrailReport Verify(ParseResult parseResult, CheckpointVerifier verifier, ITrailObserver? observer = null)
    {
        var path = parseResult.GetValue(File)!;
        var trail = new TrailVerifier(verifier, observer, parseResult.GetValue(Partial));
        foreach (var checkpoint in parseResult.GetValue(Checkpoints) ?? [])
        {
            trail.AddCheckpoint(ReadDocument(checkpoint), checkpoint);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return TrailFile.VerifyAsync(stream, trail).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"{path}: cannot read the file: {e.Message}", e);
        }
    }

    private static byte[] ReadDocument(string path)
    {
        var bytes = InputFiles.ReadAllBytes(path, "--checkpoint");
        try
        {
            return AttestationInput.Parse(bytes).Document.ToArray();
        }
        catch (AttestationInputException e)
        {
            throw CliException.Usage($"--checkpoint {path}: not an attestation document in CBOR, base64 or hex: {e.Message}", e);
        }
    }
}
