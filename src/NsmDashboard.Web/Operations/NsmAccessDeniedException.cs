using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// <see cref="NsmOperations"/> refused an operation before asking the NSM: the caller's role does not allow it, or
/// the dashboard is read-only. An <see cref="NsmException"/> with <see cref="NsmErrorCode.InvalidOperation"/> ("not
/// permitted"), so every view that shows NSM errors shows it too; the API answers 403.
/// </summary>
public sealed class NsmAccessDeniedException : NsmException
{
    /// <summary>Creates the exception with the reason shown to the caller.</summary>
    public NsmAccessDeniedException(NsmOperationKind operation, string reason)
        : base(NsmErrorCode.InvalidOperation, reason)
    {
        Operation = operation;
    }

    /// <summary>What was refused.</summary>
    public NsmOperationKind Operation { get; }
}
