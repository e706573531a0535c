using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// Who may do what through <see cref="NsmOperations"/>: a <see cref="NsmRoles.Viewer"/> may request attestation with a
/// nonce only; an <see cref="NsmRoles.Operator"/> may also extend, lock, and request attestation over user_data or a
/// public key; a caller without a role may do nothing; and a read-only dashboard (a device with no operators
/// configured) denies every mutation.
/// </summary>
public sealed class NsmAccessPolicy(DashboardIdentities identities)
{
    /// <summary>The banner and denial text of a read-only dashboard.</summary>
    public const string ReadOnlyReason =
        "No operators are configured, so this dashboard is read-only: configure Auth:Users or Auth:ApiTokens to extend or lock PCRs.";

    /// <summary>Whether the dashboard refuses every mutation.</summary>
    public bool IsReadOnly => identities.IsReadOnly;

    /// <summary>Why <paramref name="caller"/> may not perform <paramref name="operation"/>, or null when it may.</summary>
    /// <param name="caller">Who asks, with the role their sign-in gave them.</param>
    /// <param name="operation">What they ask for.</param>
    /// <param name="request">For attestation, what the request carries (user_data and public_key need an Operator).</param>
    public string? DenialReason(NsmCaller caller, NsmOperationKind operation, AttestationRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var role = NsmRoles.Normalize(caller.Role);
        if (role is null)
        {
            return "Not signed in: sign in to use the NSM.";
        }

        var needsOperator = operation switch
        {
            NsmOperationKind.Attestation => request is { UserData: not null } or { PublicKey: not null },
            _ => true,
        };
        if (!needsOperator)
        {
            return null;
        }

        if (IsReadOnly && operation != NsmOperationKind.Attestation)
        {
            return ReadOnlyReason;
        }

        return role == NsmRoles.Operator ? null : DescribeOperatorOnly(operation);
    }

    /// <summary>Why a Viewer may not perform an operation, in the words the UI shows next to a disabled control.</summary>
    public static string DescribeOperatorOnly(NsmOperationKind operation) => operation switch
    {
        NsmOperationKind.ExtendPcr or NsmOperationKind.LockPcr or NsmOperationKind.LockPcrs =>
            "Extending and locking PCRs needs the Operator role; you are signed in as a Viewer.",
        NsmOperationKind.AddMeasurements or NsmOperationKind.ReplaceMeasurements or NsmOperationKind.DeleteMeasurements =>
            "Changing the expected measurements needs the Operator role: they decide which PCRs the dashboard calls a match. You are signed in as a Viewer.",
        NsmOperationKind.ImportEventLog or NsmOperationKind.ClearEventLog =>
            "Importing or forgetting an event log needs the Operator role: documents are checked against it. You are signed in as a Viewer.",
        _ => "Attestation over user data or a public key needs the Operator role; a Viewer may send a nonce only.",
    };
}
