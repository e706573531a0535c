using System.IO.Pipelines;

namespace NsmDashboard.Vsock;

/// <summary>One end of a connection's pair of pipes: what it reads from and what it writes to.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
