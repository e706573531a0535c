namespace NsmDashboard.Nsm.Pcrs;

/// <summary>One logged extend of a PCR, as <see cref="PcrReplay"/> folds it.</summary>
public interface IPcrReplayStep
{
    /// <summary>The step's position in the log (from 1), named in verdicts.</summary>
    long Sequence { get; }

    /// <summary>The PCR as read just before the extend.</summary>
    ReadOnlyMemory<byte> Before { get; }

    /// <summary>The extend data; <see langword="null"/> when only its hash was kept (the step's <see cref="After"/> stands in for it).</summary>
    ReadOnlyMemory<byte>? Data { get; }

    /// <summary>The PCR as the NSM returned it after the extend.</summary>
    ReadOnlyMemory<byte> After { get; }
}
