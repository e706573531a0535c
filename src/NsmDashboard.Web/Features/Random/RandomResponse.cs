namespace NsmDashboard.Web.Features.Random;

/// <summary>GetRandom, as <c>GET /api/random</c> returns it.</summary>
/// <param name="Random">The NSM's block of random bytes (256 on Nitro), lowercase hex.</param>
public sealed record RandomResponse(string Random);
