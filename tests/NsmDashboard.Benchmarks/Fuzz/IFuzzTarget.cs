namespace NsmDashboard.Benchmarks.Fuzz;

/// <summary>One codec or API under fuzzing: makes input number N of the run's seed and checks it.</summary>
internal interface IFuzzTarget : IDisposable
{
    /// <summary>What is fuzzed, one line per seed message or route, printed before the run.</summary>
    IEnumerable<string> Describe();

    /// <summary>Work that belongs to no single input (starting a fresh app), done before input <paramref name="index"/> is timed.</summary>
    void Prepare(long index)
    {
    }

    /// <summary>Makes input <paramref name="index"/> and checks it; returns its outcome label and the mutations applied.</summary>
    /// <exception cref="NsmDashboard.Testing.Fuzz.FuzzFinding">An outcome that must never happen.</exception>
    (string Outcome, string Mutation) Run(long index);

    /// <summary>The bytes of the input being checked (printed when it hangs).</summary>
    ReadOnlyMemory<byte> Current { get; }

    /// <summary>Whether the work of one input stays on the calling thread (so its allocations can be counted exactly).</summary>
    bool SingleThreaded { get; }
}
