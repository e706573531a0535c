using System.Security.Cryptography;
using System.Text;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Lab.Sandbox;
using NsmDashboard.Web.Features.Pcrs;

namespace NsmDashboard.Web.Tests.Features.Lab.Sandbox;

public sealed class PcrSandboxTests
{
    // docs/nsm-messages.md#hex-vectors: SHA384(0^48 ‖ 010203).
    private const string SpecVector = "cb178fcd3f328244c05c6248723fd068b3a1dda878e1ab8be911098f199958add55d0c27f04826d27b44d949a650694e";

    private static string Sha384Hex(byte[] old, byte[] data) => Convert.ToHexStringLower(SHA384.HashData([.. old, .. data]));

    private static PcrSandbox WithTextSteps(params string[] texts)
    {
        var sandbox = new PcrSandbox();
        foreach (var text in texts)
        {
            Assert.True(sandbox.TryAdd(new SandboxStepDraft { Kind = ExtendInputKind.Text, Text = text }, out var error), error);
        }

        return sandbox;
    }

    [Fact]
    public void Extending_zeros_with_010203_gives_the_spec_vector()
    {
        // Arrange
        var sandbox = new PcrSandbox();

        // Act
        Assert.True(sandbox.TryAdd(new SandboxStepDraft { Kind = ExtendInputKind.Hex, Hex = "01 02 03" }, out _));
        var result = sandbox.Evaluate();

        // Assert
        Assert.Equal(SpecVector, result.FinalHex);
        var step = Assert.Single(result.Steps);
        Assert.Equal(new string('0', 96), step.BeforeHex);
        Assert.Equal("010203", step.Step.DataHex);
        Assert.Equal(SpecVector, step.AfterHex);
        Assert.Null(step.Refusal);
    }

    [Fact]
    public void Each_step_extends_the_value_left_by_the_previous_one()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b", "c");

        // Act
        var result = sandbox.Evaluate();

        // Assert
        var expected = new byte[48];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Convert.ToHexStringLower(expected), result.Steps[i].BeforeHex);
            expected = Convert.FromHexString(Sha384Hex(expected, Encoding.UTF8.GetBytes(((char)('a' + i)).ToString())));
            Assert.Equal(Convert.ToHexStringLower(expected), result.Steps[i].AfterHex);
            Assert.Equal(i + 1, result.Steps[i].Position);
        }

        Assert.Equal(Convert.ToHexStringLower(expected), result.FinalHex);
    }

    [Fact]
    public void Swapping_two_different_steps_changes_the_final_value_and_says_so()
    {
        // Arrange
        var sandbox = WithTextSteps("app-config:v1", "feature-flag:on");
        var first = Sha384Hex(new byte[48], "app-config:v1"u8.ToArray());
        var original = Sha384Hex(Convert.FromHexString(first), "feature-flag:on"u8.ToArray());
        var swappedFirst = Sha384Hex(new byte[48], "feature-flag:on"u8.ToArray());
        var swapped = Sha384Hex(Convert.FromHexString(swappedFirst), "app-config:v1"u8.ToArray());
        Assert.Equal(original, sandbox.Evaluate().FinalHex);

        // Act
        var moved = sandbox.MoveUp(sandbox.Steps[1].Id);

        // Assert
        Assert.True(moved);
        Assert.Equal(["feature-flag:on", "app-config:v1"], sandbox.Steps.Select(s => s.Label));
        Assert.Equal(swapped, sandbox.Evaluate().FinalHex);
        var reorder = Assert.IsType<SandboxReorder>(sandbox.LastReorder);
        Assert.True(reorder.ChangedResult);
        Assert.Equal((2, 1), (reorder.From, reorder.To));
        Assert.Equal((original, swapped), (reorder.FinalBefore, reorder.FinalAfter));
    }

    [Fact]
    public void Swapping_two_identical_steps_leaves_the_final_value_alone()
    {
        // Arrange
        var sandbox = WithTextSteps("same", "same");

        // Act
        sandbox.MoveDown(sandbox.Steps[0].Id);

        // Assert
        Assert.False(sandbox.LastReorder!.ChangedResult);
    }

    [Fact]
    public void Moves_past_either_end_or_of_unknown_steps_do_nothing()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b");

        // Act / Assert
        Assert.False(sandbox.MoveUp(sandbox.Steps[0].Id));
        Assert.False(sandbox.MoveDown(sandbox.Steps[1].Id));
        Assert.False(sandbox.MoveUp(999));
        Assert.False(sandbox.Remove(999));
        Assert.Null(sandbox.LastReorder);
        Assert.Equal(["a", "b"], sandbox.Steps.Select(s => s.Label));
    }

    [Fact]
    public void Steps_after_a_lock_are_refused_with_ReadOnlyIndex_and_leave_the_value_unchanged()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b", "c");
        var afterFirst = Sha384Hex(new byte[48], "a"u8.ToArray());

        // Act
        sandbox.SetLock(1);
        var result = sandbox.Evaluate();

        // Assert
        Assert.Null(result.Steps[0].Refusal);
        Assert.Equal([NsmErrorCode.ReadOnlyIndex, NsmErrorCode.ReadOnlyIndex], result.Steps.Skip(1).Select(s => s.Refusal));
        Assert.All(result.Steps.Skip(1), s => Assert.Equal(afterFirst, s.AfterHex));
        Assert.Equal(afterFirst, result.FinalHex);
        Assert.Equal(2, result.RefusedCount);
        Assert.True(result.LockedAtEnd);
    }

    [Fact]
    public void A_lock_before_every_step_refuses_them_all_and_removing_the_lock_applies_them_again()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b");
        var unlocked = sandbox.Evaluate().FinalHex;

        // Act
        sandbox.SetLock(0);
        var locked = sandbox.Evaluate();
        sandbox.SetLock(null);

        // Assert
        Assert.Equal(new string('0', 96), locked.FinalHex);
        Assert.All(locked.Steps, s => Assert.True(s.IsRefused));
        Assert.Equal(unlocked, sandbox.Evaluate().FinalHex);
        Assert.False(sandbox.Evaluate().LockedAtEnd);
    }

    [Fact]
    public void A_live_start_that_is_already_locked_refuses_every_step()
    {
        // Arrange: PCR0–15 are locked from boot (docs/pcrs.md#boot-locked).
        var sandbox = WithTextSteps("a");
        var start = Convert.FromHexString(SpecVector);

        // Act
        sandbox.SetStart(start, locked: true);
        var result = sandbox.Evaluate();

        // Assert
        Assert.Equal(SpecVector, result.FinalHex);
        Assert.Equal(NsmErrorCode.ReadOnlyIndex, Assert.Single(result.Steps).Refusal);
    }

    [Fact]
    public void Moving_a_step_across_the_lock_changes_which_step_is_refused_and_the_result()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b");
        sandbox.SetLock(1);

        // Act
        sandbox.MoveUp(sandbox.Steps[1].Id);
        var result = sandbox.Evaluate();

        // Assert
        Assert.Equal("b", result.Steps[0].Step.Label);
        Assert.False(result.Steps[0].IsRefused);
        Assert.True(result.Steps[1].IsRefused);
        Assert.Equal(Sha384Hex(new byte[48], "b"u8.ToArray()), result.FinalHex);
        Assert.True(sandbox.LastReorder!.ChangedResult);
    }

    [Fact]
    public void Removing_a_step_before_the_lock_keeps_the_lock_after_the_same_steps()
    {
        // Arrange
        var sandbox = WithTextSteps("a", "b", "c");
        sandbox.SetLock(2);

        // Act
        sandbox.Remove(sandbox.Steps[0].Id);

        // Assert: "b" is still before the lock, "c" still after it.
        Assert.Equal(1, sandbox.LockAfter);
        var result = sandbox.Evaluate();
        Assert.False(result.Steps[0].IsRefused);
        Assert.True(result.Steps[1].IsRefused);
    }

    [Fact]
    public void A_start_value_replaces_zeros_and_must_be_48_bytes()
    {
        // Arrange
        var sandbox = WithTextSteps("a");
        var start = Enumerable.Range(0, 48).Select(i => (byte)i).ToArray();

        // Act
        sandbox.SetStart(start);

        // Assert
        Assert.Equal(Sha384Hex(start, "a"u8.ToArray()), sandbox.Evaluate().FinalHex);
        Assert.Throws<ArgumentException>(() => sandbox.SetStart(new byte[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sandbox.SetLock(5));
    }

    [Fact]
    public void A_step_that_fits_PCR16_but_not_PCR24_is_refused_with_InputTooLarge_there()
    {
        // Arrange: indices from 24 take one more byte in the request (RFC 8949 §3), so the limit drops by one.
        var sandbox = WithTextSteps(new string('x', ExtendRequestSize.MaxDataLength(16)), "next");

        // Act
        sandbox.PcrIndex = 24;
        var result = sandbox.Evaluate();

        // Assert
        Assert.Equal(NsmErrorCode.InputTooLarge, result.Steps[0].Refusal);
        Assert.Null(result.Steps[1].Refusal);
        Assert.Equal(Sha384Hex(new byte[48], "next"u8.ToArray()), result.FinalHex);
    }
}
