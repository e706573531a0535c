using System.Runtime.Versioning;

// Sockets, vsock and Unix domain sockets as the relay and the listener use them: these tests run on Linux
// (the rig VM for the vsock ones); nothing here is meant for other systems.
[assembly: SupportedOSPlatform("linux")]
