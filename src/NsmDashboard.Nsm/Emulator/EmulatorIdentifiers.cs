using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace NsmDashboard.Nsm.Emulator;

/// <summary>
/// The shapes of the identifiers a Nitro NSM reports, and realistic random ones for the emulator.
/// A module id is <c>i-&lt;instance id&gt;-enc&lt;16 hex&gt;</c> (docs/nsm-messages.md#responses); EC2 instance ids
/// are <c>i-</c> and 17 hex digits (8 for instances made before 2016).
/// </summary>
internal static partial class EmulatorIdentifiers
{
    /// <summary>Checks a module id; on success gives its instance-id part (<c>i-…</c>).</summary>
    public static bool TryParseModuleId(string? moduleId, out string instanceId)
    {
        var match = moduleId is null ? Match.Empty : ModuleIdRegex().Match(moduleId);
        instanceId = match.Success ? match.Groups[1].Value : string.Empty;
        return match.Success;
    }

    /// <summary>The instance-id part (<c>i-…</c>) of a module id.</summary>
    /// <exception cref="ArgumentException">The text is not a module id.</exception>
    public static string InstanceIdOf(string moduleId) =>
        TryParseModuleId(moduleId, out var instanceId)
            ? instanceId
            : throw new ArgumentException($"'{moduleId}' is not a Nitro module id (i-<17 hex>-enc<16 hex>).", nameof(moduleId));

    /// <summary>Whether the text is an EC2 instance id.</summary>
    public static bool IsInstanceId(string? instanceId) => instanceId is not null && InstanceIdRegex().IsMatch(instanceId);

    /// <summary>Whether the text is an IAM role ARN (what the NSM measures into PCR3).</summary>
    public static bool IsRoleArn(string? arn) => arn is not null && RoleArnRegex().IsMatch(arn);

    /// <summary>
    /// A new module id shaped like real ones: <c>i-0</c> + 16 random hex, then <c>-enc</c> + 16 hex. Real
    /// enclave ids are the enclave's start time in milliseconds as 12 hex digits followed by 4 more
    /// (e.g. <c>enc0183d09086c24190</c>: 0x0183d09086c2 ms = 2022-10-13T08:57:56Z, six seconds before that
    /// enclave's first document), so the emulator does the same with 4 random digits.
    /// </summary>
    public static string NewModuleId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var instance = Convert.ToHexStringLower(random[..8]);
        var tail = Convert.ToHexStringLower(random[8..]);
        var start = (now.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF).ToString("x12", CultureInfo.InvariantCulture);
        return $"i-0{instance}-enc{start}{tail}";
    }

    [GeneratedRegex("^(i-(?:[0-9a-f]{8}|[0-9a-f]{17}))-enc[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleIdRegex();

    [GeneratedRegex("^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdRegex();

    // arn:<partition>:iam::<12-digit account>:role/<optional path/>name (partitions aws, aws-cn, aws-us-gov, …).
    [GeneratedRegex(@"^arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,576}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnRegex();
}
