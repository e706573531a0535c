using System.Globalization;
using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Features.Lab.Sandbox;

/// <summary>
/// The what-if sandbox: a start value and a list of extend steps, folded as the NSM folds them
/// (PCR_new = SHA384(PCR_old ‖ data), docs/pcrs.md#extend), with an optional LockPCR between two steps after which
/// every extend is refused with <see cref="NsmErrorCode.ReadOnlyIndex"/>, and steps too large for the PCR's
/// request refused with <see cref="NsmErrorCode.InputTooLarge"/>. Pure computation: no device is touched.
/// </summary>
public sealed class PcrSandbox
{
    private readonly List<SandboxStep> _steps = [];
    private int _nextId = 1;
    private ushort _pcrIndex = NsmLimits.BootLockedPcrCount;

    /// <summary>
    /// The PCR the sandbox stands for: the ExtendPCR request size depends on the index, so it sets the data limit.
    /// 16, the first PCR an application may extend, by default.
    /// </summary>
    public ushort PcrIndex
    {
        get => _pcrIndex;
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, (ushort)NsmLimits.PcrCount);
            _pcrIndex = value;
        }
    }

    /// <summary>The value the first step extends.</summary>
    public ReadOnlyMemory<byte> Start { get; private set; } = SandboxStart.Zeros;

    /// <summary>Whether the start is a live PCR that is already locked, so the NSM would refuse every step.</summary>
    public bool StartLocked { get; private set; }

    /// <summary>
    /// Where a LockPCR sits: after this many steps (0 = before the first); <see langword="null"/> for no lock.
    /// </summary>
    public int? LockAfter { get; private set; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<SandboxStep> Steps => _steps;

    /// <summary>The last move and its effect on the final value; cleared by any other change.</summary>
    public SandboxReorder? LastReorder { get; private set; }

    /// <summary>Sets the start value.</summary>
    /// <param name="value">A SHA-384 PCR value (48 bytes).</param>
    /// <param name="locked">Whether that PCR is already locked (a live PCR's lock state).</param>
    /// <exception cref="ArgumentException">The value is not 48 bytes.</exception>
    public void SetStart(ReadOnlyMemory<byte> value, bool locked = false)
    {
        if (value.Length != SandboxStart.PcrLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A start value is {SandboxStart.PcrLength} bytes, not {value.Length}."),
                nameof(value));
        }

        Start = value.ToArray();
        StartLocked = locked;
        LastReorder = null;
    }

    /// <summary>Adds the draft as the last step, or says why it cannot be one.</summary>
    /// <param name="draft">The input.</param>
    /// <param name="error">The problem, when the step was not added.</param>
    public bool TryAdd(SandboxStepDraft draft, out string? error)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.TryBuild(_nextId, PcrIndex, out var step, out error))
        {
            return false;
        }

        _nextId++;
        _steps.Add(step!);
        LastReorder = null;
        return true;
    }

    /// <summary>Removes a step; a lock keeps its place between the steps around it.</summary>
    public bool Remove(int id)
    {
        var position = _steps.FindIndex(s => s.Id == id);
        if (position < 0)
        {
            return false;
        }

        _steps.RemoveAt(position);
        if (LockAfter is { } lockAfter && position < lockAfter)
        {
            LockAfter = lockAfter - 1;
        }

        LastReorder = null;
        return true;
    }

    /// <summary>Moves a step one place earlier; false when it is first or unknown.</summary>
    public bool MoveUp(int id) => Move(id, -1);

    /// <summary>Moves a step one place later; false when it is last or unknown.</summary>
    public bool MoveDown(int id) => Move(id, +1);

    /// <summary>Places a LockPCR after <paramref name="afterSteps"/> steps, or removes it (<see langword="null"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside 0 … the number of steps.</exception>
    public void SetLock(int? afterSteps)
    {
        if (afterSteps is { } after)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(after, nameof(afterSteps));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(after, _steps.Count, nameof(afterSteps));
        }

        LockAfter = afterSteps;
        LastReorder = null;
    }

    /// <summary>Folds the steps from the start value, as the NSM would carry them out one after the other.</summary>
    public SandboxEvaluation Evaluate()
    {
        var current = Start;
        var results = new SandboxStepResult[_steps.Count];
        for (var i = 0; i < _steps.Count; i++)
        {
            var step = _steps[i];

            // A request over 4096 bytes never reaches the PCR (the driver refuses it first); a step can get there
            // when the index changes after it was added, since the request's size depends on the index.
            NsmErrorCode? refusal = !ExtendRequestSize.Fits(PcrIndex, step.Data) ? NsmErrorCode.InputTooLarge
                : StartLocked || (LockAfter is { } after && i >= after) ? NsmErrorCode.ReadOnlyIndex
                : null;
            var next = refusal is null ? (ReadOnlyMemory<byte>)PcrExtension.Compute(NsmDigest.Sha384, current.Span, step.Data.Span) : current;
            results[i] = new SandboxStepResult(i + 1, step, current, next, refusal);
            current = next;
        }

        return new SandboxEvaluation(Start, results, current, StartLocked || LockAfter is not null);
    }

    private bool Move(int id, int delta)
    {
        var from = _steps.FindIndex(s => s.Id == id);
        var to = from + delta;
        if (from < 0 || to < 0 || to >= _steps.Count)
        {
            return false;
        }

        var before = Evaluate().FinalHex;
        (_steps[from], _steps[to]) = (_steps[to], _steps[from]);
        LastReorder = new SandboxReorder(id, from + 1, to + 1, before, Evaluate().FinalHex);
        return true;
    }
}
