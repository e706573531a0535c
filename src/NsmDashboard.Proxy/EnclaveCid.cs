using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NsmDashboard.Proxy;

/// <summary>
/// <c>--cid auto</c>: the CID of the one running enclave, from <c>nitro-cli describe-enclaves</c>, which prints a
/// JSON array of enclaves such as <c>[{"EnclaveName": "…", "EnclaveID": "i-…-enc…", "EnclaveCID": 16,
/// "State": "RUNNING", …}]</c>. CIDs change between runs (docs/vsock.md#enclave-cid), so the proxy asks instead of assuming 16.
/// </summary>
internal static class EnclaveCid
{
    private static readonly TimeSpan NitroCliTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="nitroCli"/> <c>describe-enclaves</c> and picks the running enclave.</summary>
    public static async Task<uint> FromNitroCliAsync(string nitroCli, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(nitroCli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("describe-enclaves");
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw ProxyException.Failure($"--cid auto: cannot run '{nitroCli} describe-enclaves' ({ex.Message}); install aws-nitro-enclaves-cli, pass --nitro-cli PATH, or give the CID with --cid N.", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NitroCliTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw ProxyException.Failure($"--cid auto: '{nitroCli} describe-enclaves' did not finish within {NitroCliTimeout.TotalSeconds:0} s.");
        }

        string json = await output.ConfigureAwait(false);
        string stderr = (await errors.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw ProxyException.Failure(string.Create(
                CultureInfo.InvariantCulture,
                $"--cid auto: '{nitroCli} describe-enclaves' failed with exit code {process.ExitCode}{(stderr.Length > 0 ? ": " + stderr : string.Empty)}"));
        }

        return FromJson(json, $"{nitroCli} describe-enclaves");
    }

    /// <summary>Picks the CID of the single RUNNING enclave in describe-enclaves output.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where it came from, for messages (a file name or the command).</param>
    /// <exception cref="ProxyException">Not that JSON, no running enclave, or several.</exception>
    public static uint FromJson(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw ProxyException.Failure($"--cid auto: {source} is not JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ProxyException.Failure($"--cid auto: {source} is not a describe-enclaves list (expected a JSON array of enclaves, found {document.RootElement.ValueKind}).");
            }

            var running = new List<(uint Cid, string Name)>();
            int count = 0;
            foreach (var enclave in document.RootElement.EnumerateArray())
            {
                count++;
                if (enclave.ValueKind != JsonValueKind.Object)
                {
                    throw ProxyException.Failure($"--cid auto: entry {count} of {source} is not an object.");
                }

                string state = enclave.TryGetProperty("State", out var stateValue) && stateValue.ValueKind == JsonValueKind.String
                    ? stateValue.GetString()!
                    : string.Empty;
                if (!state.Equals("RUNNING", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                running.Add((ReadCid(enclave, count, source), Describe(enclave)));
            }

            return running.Count switch
            {
                1 => running[0].Cid,
                0 => throw ProxyException.Failure(count == 0
                    ? $"--cid auto: no enclave is running ({source} lists none); start one with nitro-cli run-enclave, or give the CID with --cid N."
                    : $"--cid auto: none of the {count} enclaves {source} lists is RUNNING; start one, or give the CID with --cid N."),
                _ => throw ProxyException.Failure(
                    $"--cid auto: {running.Count} enclaves are running ({string.Join(", ", running.Select(r => $"{r.Name} CID {r.Cid}"))}); choose one with --cid N."),
            };
        }
    }

    private static uint ReadCid(JsonElement enclave, int index, string source)
    {
        if (enclave.TryGetProperty("EnclaveCID", out var cid) && cid.ValueKind == JsonValueKind.Number && cid.TryGetUInt32(out uint value)
            && value > 2 && value != uint.MaxValue)
        {
            return value;
        }

        throw ProxyException.Failure($"--cid auto: running enclave {index} in {source} has no valid EnclaveCID (a number above 2).");
    }

    private static string Describe(JsonElement enclave)
    {
        foreach (string name in (ReadOnlySpan<string>)["EnclaveName", "EnclaveID"])
        {
            if (enclave.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return "(unnamed)";
    }
}
