using System.Net;
using System.Text;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>JSON sent without Content-Length (chunked, 8 KB per chunk), as a streaming client would.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    public ChunkedContent(string json)
    {
        _body = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // Several chunks, as curl sends a file: the server sees the limit crossed in the middle of a read.
        for (var offset = 0; offset < _body.Length; offset += 8192)
        {
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(8192, _body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
