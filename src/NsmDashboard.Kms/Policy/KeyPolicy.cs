namespace NsmDashboard.Kms;

/// <summary>
/// A parsed key policy (or IAM policy): its statements in order, each normalised — one statement or an array,
/// strings or arrays, <c>NotAction</c>, <c>NotPrincipal</c>, <c>NotResource</c>. Made by <see cref="KeyPolicyParser"/>.
/// </summary>
public sealed class KeyPolicy
{
    internal KeyPolicy(string? version, string? id, IReadOnlyList<PolicyStatement> statements, IReadOnlyList<PolicyNote> notes, int length)
    {
        Version = version;
        Id = id;
        Statements = statements;
        Notes = notes;
        Length = length;
    }

    /// <summary><c>Version</c>, when given (<c>2012-10-17</c> in any policy that uses variables).</summary>
    public string? Version { get; }

    /// <summary><c>Id</c>, when given.</summary>
    public string? Id { get; }

    /// <summary>The statements in document order.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Things the parser tolerated but a reader should know (a member given twice, …).</summary>
    public IReadOnlyList<PolicyNote> Notes { get; }

    /// <summary>The length of the policy text in characters (KMS keeps key policies up to 32 KB).</summary>
    public int Length { get; }
}

/// <summary>Something the parser tolerated but a reader should know.</summary>
/// <param name="Path">Where, as a JSON path.</param>
/// <param name="Message">What, in plain words.</param>
public sealed record PolicyNote(string Path, string Message);

/// <summary><c>Allow</c> or <c>Deny</c>.</summary>
public enum PolicyEffect
{
    /// <summary>The statement grants what it names.</summary>
    Allow,

    /// <summary>The statement refuses what it names, whatever any Allow says.</summary>
    Deny,
}
