namespace NsmDashboard.Testing.Fuzz;

/// <summary>
/// The steps every fuzz harness takes with an input: decode it, where only the decoder's own typed error may come out,
/// and then run what must work on whatever decoded. Anything else becomes the <see cref="FuzzFinding"/> the harness
/// builds for it, so that the input can be replayed.
/// </summary>
internal static class FuzzSteps
{
    /// <summary>
    /// Runs <paramref name="decode"/>: its value, or its typed error <typeparamref name="TError"/>; any other exception
    /// is thrown as the finding <paramref name="finding"/> makes of it.
    /// </summary>
    public static (T? Value, TError? Error) Decode<T, TError>(Func<T> decode, Func<Exception, FuzzFinding> finding)
        where T : class
        where TError : Exception
    {
        try
        {
            return (decode(), null);
        }
        catch (TError e)
        {
            return (null, e);
        }
        catch (Exception e)
        {
            throw finding(e);
        }
    }

    /// <summary>Runs <paramref name="step"/>, which must not throw at all; an exception is thrown as the finding.</summary>
    public static void MustNotThrow(Action step, Func<Exception, FuzzFinding> finding)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            throw finding(e);
        }
    }
}
