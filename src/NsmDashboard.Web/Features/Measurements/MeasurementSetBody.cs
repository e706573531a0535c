using System.Text.Json;
using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// The body of <c>POST /api/measurements</c>: a name and exactly one of <c>nitroCli</c> (the JSON
/// <c>nitro-cli build-enclave</c> or <c>describe-eif</c> printed, as an object or as a string) and <c>pcrs</c>.
/// </summary>
/// <param name="Name">The set's name, e.g. <c>release-42</c>; an existing set of that name is replaced.</param>
/// <param name="NitroCli">nitro-cli's output: <c>{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": "…", …}}</c>.</param>
/// <param name="Pcrs">Values by hand: <c>{"0": "&lt;hex&gt;", "PCR8": "&lt;hex&gt;"}</c>.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MeasurementSetBody(string? Name = null, JsonElement? NitroCli = null, Dictionary<string, string>? Pcrs = null);
