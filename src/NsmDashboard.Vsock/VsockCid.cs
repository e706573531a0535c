namespace NsmDashboard.Vsock;

/// <summary>
/// Well-known vsock context ids (CIDs; include/uapi/linux/vm_sockets.h and vsock(7)). A CID names a machine
/// on the vsock bus the way an IP address names a host; each enclave and VM gets its own.
/// </summary>
public static class VsockCid
{
    /// <summary><c>VMADDR_CID_HYPERVISOR</c> (0): reserved for the hypervisor; never a peer of ours.</summary>
    public const uint Hypervisor = 0;

    /// <summary>
    /// <c>VMADDR_CID_LOCAL</c> (1): this machine, through the <c>vsock_loopback</c> transport (Linux 5.6+).
    /// The rig VM has it; Nitro instances and enclaves normally do not.
    /// </summary>
    public const uint Local = 1;

    /// <summary><c>VMADDR_CID_HOST</c> (2): the host of a VM (the hypervisor side of virtio-vsock).</summary>
    public const uint Host = 2;

    /// <summary>
    /// 3: the parent EC2 instance as seen from inside a Nitro Enclave. This is the Nitro convention
    /// (docs/vsock.md#addresses), not a Linux constant: on other hypervisors 3 is an ordinary guest CID.
    /// </summary>
    public const uint Parent = 3;

    /// <summary>
    /// The CID nitro-cli gives the first enclave unless <c>--enclave-cid</c> says otherwise; it can change
    /// between runs, which is why <c>nsm-proxy --cid auto</c> asks <c>nitro-cli describe-enclaves</c>.
    /// </summary>
    public const uint FirstEnclave = 16;

    /// <summary><c>VMADDR_CID_ANY</c> (0xFFFFFFFF): bind to every CID of this machine.</summary>
    public const uint Any = uint.MaxValue;
}
