using System.Text.Json;
using System.Text.Json.Serialization;

namespace NsmDashboard.Web.Features.Measurements;

/// <summary>
/// The body of <c>POST /api/measurements</c>: a name and exactly one of <c>nitroCli</c> (the JSON
/// <c>nitro-cli build-enclave</c> or <c>describe-eif</c> printed), <c>nitroTpmPcrCompute</c> (the JSON
/// <c>nitro-tpm-pcr-compute</c> printed) — each as an object or as a string — and <c>pcrs</c>.
/// </summary>
/// <param name="Name">The set's name, e.g. <c>release-42</c>; an existing set of that name is replaced.</param>
/// <param name="NitroCli">nitro-cli's output: <c>{"Measurements": {"HashAlgorithm": "Sha384 { ... }", "PCR0": "…", …}}</c>; a Nitro Enclave set.</param>
/// <param name="NitroTpmPcrCompute">nitro-tpm-pcr-compute's output: <c>{"Measurements": {"HashAlgorithm": "SHA384", "PCR4": "…", "PCR7": "…", "PCR12": "…"}}</c>; a NitroTPM set.</param>
/// <param name="Pcrs">Values by hand: <c>{"0": "&lt;hex&gt;", "PCR8": "&lt;hex&gt;"}</c>.</param>
/// <param name="Kind">The kind of PCRs given in <c>pcrs</c>: <c>enclave</c> (the default) or <c>nitrotpm</c>.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MeasurementSetBody(
    string? Name = null,
    JsonElement? NitroCli = null,
    JsonElement? NitroTpmPcrCompute = null,
    Dictionary<string, string>? Pcrs = null,
    string? Kind = null);
