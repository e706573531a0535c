using System.Runtime.Versioning;

// nsm-proxy runs on the parent instance (Linux); its tests use Linux sockets and signals.
[assembly: SupportedOSPlatform("linux")]
