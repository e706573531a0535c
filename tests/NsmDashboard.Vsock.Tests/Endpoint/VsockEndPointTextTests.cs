namespace NsmDashboard.Vsock.Tests.Endpoint;

/// <summary>vsock://CID:PORT, equality and the well-known CIDs.</summary>
public sealed class VsockEndPointTextTests
{
    [Theory]
    [InlineData("vsock://16:5000", 16u, 5000u)]
    [InlineData("vsock://any:5000", VsockCid.Any, 5000u)]
    [InlineData("VSOCK://ANY:1", VsockCid.Any, 1u)]
    [InlineData("vsock://4294967295:4294967295", uint.MaxValue, uint.MaxValue)]
    [InlineData("  vsock://3:8000  ", 3u, 8000u)]
    [InlineData("vsock://0:0", 0u, 0u)]
    public void Parses(string text, uint cid, uint port)
    {
        var endPoint = VsockEndPoint.Parse(text);

        Assert.Equal(cid, endPoint.Cid);
        Assert.Equal(port, endPoint.Port);
        Assert.True(VsockEndPoint.TryParse(text, out var again));
        Assert.Equal(endPoint, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("16:5000")]
    [InlineData("tcp://16:5000")]
    [InlineData("vsock://16")]
    [InlineData("vsock://:5000")]
    [InlineData("vsock://16:")]
    [InlineData("vsock://-1:5000")]
    [InlineData("vsock://+16:5000")]
    [InlineData("vsock://0x10:5000")]
    [InlineData("vsock://4294967296:5000")]
    [InlineData("vsock://16:4294967296")]
    [InlineData("vsock://16:50 00")]
    [InlineData("vsock://host:5000")]
    [InlineData("vsock://16:any")]
    [InlineData("vsock://16:5000:1")]
    public void Rejects(string? text)
    {
        Assert.False(VsockEndPoint.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => VsockEndPoint.Parse(text!));
    }

    [Theory]
    [InlineData(16u, 5000u, "vsock://16:5000")]
    [InlineData(VsockCid.Any, 5000u, "vsock://any:5000")]
    [InlineData(1u, uint.MaxValue, "vsock://1:4294967295")]
    public void Formats_and_round_trips(uint cid, uint port, string text)
    {
        var endPoint = new VsockEndPoint(cid, port);

        Assert.Equal(text, endPoint.ToString());
        Assert.Equal(endPoint, VsockEndPoint.Parse(endPoint.ToString()));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = new VsockEndPoint(16, 5000);
        var b = new VsockEndPoint(16, 5000);
        var otherPort = new VsockEndPoint(16, 5001);
        var otherCid = new VsockEndPoint(17, 5000);

        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, otherPort);
        Assert.NotEqual(a, otherCid);
        Assert.True(a != otherCid);
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"vsock://16:5000"));
        Assert.False(a == null);
        Assert.True((VsockEndPoint?)null == null);
        Assert.Single(new HashSet<VsockEndPoint> { a, b });
    }

    [Fact]
    public void Well_known_cids()
    {
        Assert.Equal(0xFFFFFFFFu, VsockCid.Any);
        Assert.Equal(0u, VsockCid.Hypervisor);
        Assert.Equal(1u, VsockCid.Local);
        Assert.Equal(2u, VsockCid.Host);
        Assert.Equal(3u, VsockCid.Parent);
        Assert.Equal(0xFFFFFFFFu, VsockEndPoint.AnyPort);
    }

    [Theory]
    [InlineData("any", VsockCid.Any)]
    [InlineData("ANY", VsockCid.Any)]
    [InlineData("16", 16u)]
    public void Parses_cids(string text, uint cid)
    {
        Assert.True(VsockEndPoint.TryParseCid(text, out uint parsed));
        Assert.Equal(cid, parsed);
    }
}
