namespace NsmDashboard.Cli.Parsing;

/// <summary>
/// The value of a hex option. A class rather than <c>byte[]</c>: System.CommandLine gives an absent array option
/// an empty array, and an absent <c>--user-data</c> must stay absent (null), not become an empty byte string.
/// </summary>
internal sealed record HexBytes(byte[] Value);
