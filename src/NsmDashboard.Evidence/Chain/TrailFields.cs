using System.Diagnostics.CodeAnalysis;
using NsmDashboard.Evidence.Canonical;

namespace NsmDashboard.Evidence.Chain;

/// <summary>Typed reads of trail members, each saying what is wrong in words a report can show.</summary>
public static class TrailFields
{
    /// <summary>A string member.</summary>
    public static bool TryGetString(EvidenceObject line, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        value = null;
        if (!line.TryGetValue(name, out var member))
        {
            problem = $"\"{name}\" is missing";
            return false;
        }

        if (!member.TryGetString(out value))
        {
            problem = $"\"{name}\" is not a string";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>A non-negative integer member.</summary>
    public static bool TryGetInteger(EvidenceObject line, string name, out long value, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        value = 0;
        if (!line.TryGetValue(name, out var member))
        {
            problem = $"\"{name}\" is missing";
            return false;
        }

        if (!member.TryGetInteger(out value) || value < 0)
        {
            problem = $"\"{name}\" is not a non-negative integer";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>A SHA-384 member (96 lowercase hex digits).</summary>
    public static bool TryGetHash(EvidenceObject line, string name, out EvidenceHash value, [NotNullWhen(false)] out string? problem)
    {
        value = default;
        if (!TryGetString(line, name, out var text, out problem))
        {
            return false;
        }

        if (!EvidenceHash.TryParse(text, out value))
        {
            problem = $"\"{name}\" is not 96 lowercase hex digits";
            return false;
        }

        return true;
    }

    /// <summary>A time member in the trail's one spelling.</summary>
    public static bool TryGetTime(EvidenceObject line, string name, out DateTimeOffset value, [NotNullWhen(false)] out string? problem)
    {
        value = default;
        if (!TryGetString(line, name, out var text, out problem))
        {
            return false;
        }

        if (!EvidenceTime.TryParse(text, out value))
        {
            problem = $"\"{name}\" is not a UTC time like 2026-05-01T10:00:00.123Z";
            return false;
        }

        return true;
    }

    /// <summary>The <c>stream</c> member.</summary>
    public static bool TryGetStream(EvidenceObject line, out EvidenceLog stream, [NotNullWhen(false)] out string? problem)
    {
        stream = 0;
        if (!TryGetString(line, TrailMembers.Stream, out var name, out problem))
        {
            return false;
        }

        if (!EvidenceLogs.TryParse(name, out stream))
        {
            problem = $"\"stream\" is \"{name}\", neither \"audit\" nor \"eventlog\"";
            return false;
        }

        return true;
    }

    /// <summary>Optional lowercase hex bytes (e.g. <c>data</c>, <c>nonce</c>): absent is fine, anything else must be hex.</summary>
    public static bool TryGetOptionalHex(EvidenceObject line, string name, out byte[]? value, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        value = null;
        problem = null;
        if (!line.TryGetValue(name, out var member))
        {
            return true;
        }

        if (!member.TryGetString(out var text) || !LowerHex.IsValid(text))
        {
            problem = $"\"{name}\" is not lowercase hex";
            return false;
        }

        value = Convert.FromHexString(text);
        return true;
    }
}
