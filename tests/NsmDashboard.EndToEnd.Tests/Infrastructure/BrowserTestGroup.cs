namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>The browser tests: one Chromium shared by every class in the collection.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<PlaywrightFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Browser";
}
