namespace NsmDashboard.Kms;

/// <summary>
/// The text is not a policy KMS could hold: not JSON, or JSON of a shape the IAM policy grammar does not allow
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html). <see cref="Path"/> says where.
/// </summary>
public sealed class KeyPolicyFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">Where, as a JSON path: <c>$.Statement[1].Condition</c>.</param>
    /// <param name="problem">What is wrong there.</param>
    /// <param name="innerException">The JSON reader's error, if any.</param>
    public KeyPolicyFormatException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Where, as a JSON path.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
