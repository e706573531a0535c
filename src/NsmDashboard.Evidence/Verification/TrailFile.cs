namespace NsmDashboard.Evidence.Verification;

/// <summary>Verifies a whole trail file: every line through a <see cref="TrailVerifier"/>, then its verdict.</summary>
public static class TrailFile
{
    /// <summary>Reads the stream to its end (or the first break) and completes the verifier.</summary>
    public static async Task<TrailReport> VerifyAsync(Stream input, TrailVerifier verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(verifier);
        var reader = new TrailLineReader(input);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!verifier.Feed(line.Span))
                {
                    return verifier.Complete();
                }
            }
        }
        catch (InvalidDataException e)
        {
            verifier.FailLine(e.Message);
            return verifier.Complete();
        }

        return verifier.Complete(reader.EndedInsideLine);
    }
}
