using System.CommandLine;
using System.Globalization;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Cli.Infrastructure;

/// <summary>
/// One opened module — the device at <c>--device</c> or the emulator — for the length of one command.
/// Every request of the command goes to this one instance, so an emulator's PCR state carries from one
/// request to the next as a device's would.
/// </summary>
internal sealed class NsmSession : IDisposable
{
    private NsmSession(INsmTransport transport)
    {
        Transport = transport;
        Client = new NsmClient(transport);
    }

    /// <summary>The opened transport (raw bytes in, raw bytes out).</summary>
    public INsmTransport Transport { get; }

    /// <summary>The typed client over <see cref="Transport"/>.</summary>
    public NsmClient Client { get; }

    /// <summary>Whether this is the emulator, whose documents never chain to AWS.</summary>
    public bool IsEmulator => Transport.Kind == NsmTransportKind.Emulator;

    /// <summary>
    /// Opens what the global options ask for: the device unless <c>--emulator</c> is given. There is no
    /// silent fallback to the emulator — a CLI that quietly answered with emulator documents would mislead.
    /// </summary>
    /// <exception cref="CliException">Conflicting or malformed options (exit 2).</exception>
    /// <exception cref="NsmDeviceException">The device cannot be opened (exit 3, mapped by <see cref="CliApp"/>).</exception>
    public static NsmSession Open(GlobalOptions options, ParseResult parseResult)
    {
        var useEmulator = parseResult.GetValue(options.Emulator);
        if (useEmulator && GlobalOptions.IsGiven(parseResult, options.Device))
        {
            throw CliException.Usage("--device and --emulator conflict: talk to a device or to the emulator, not both");
        }

        if (!useEmulator && options.EmulatorSettings.FirstOrDefault(o => GlobalOptions.IsGiven(parseResult, o)) is { } stray)
        {
            throw CliException.Usage($"{stray.Name} configures the emulator; add --emulator to use it");
        }

        var devicePath = parseResult.GetValue(options.Device);
        if (string.IsNullOrWhiteSpace(devicePath))
        {
            throw CliException.Usage("--device needs a path, e.g. /dev/nsm");
        }

        var selection = NsmTransportFactory.Create(
            useEmulator ? NsmMode.Emulator : NsmMode.Device,
            devicePath,
            () => EmulatorFactory.Create(options, parseResult));
        return new NsmSession(selection.Transport);
    }

    /// <summary>
    /// Sends a typed request and returns the expected response; an <c>Error</c> answer ends the command
    /// with exit 1 and its ErrorCode.
    /// </summary>
    /// <exception cref="CliException">The NSM answered an error (exit 1), or the request is too large to send (exit 2).</exception>
    /// <exception cref="NsmDeviceException">The ioctl failed (exit 3).</exception>
    /// <exception cref="NsmProtocolException">The answer is not the expected NSM response (exit 3).</exception>
    public T Call<T>(NsmRequest request)
        where T : NsmResponse
    {
        EnsureFits(request);
        var response = Client.Send(request);
        return response switch
        {
            T expected => expected,
            ErrorResponse error => throw new CliException(
                ExitCode.Failure,
                $"the NSM answered {request.Name} with Error({error.Code}): {NsmException.Describe(error.Code)}"),
            _ => throw new NsmProtocolException($"The NSM answered {request.Name} with a {response.Name} response.", 0),
        };
    }

    /// <inheritdoc/>
    public void Dispose() => Transport.Dispose();

    // The driver refuses requests over 4096 bytes (EMSGSIZE, docs/nsm-ioctl.md#sizes); for typed commands that is
    // the user's input being too large, said plainly before anything is sent. `nsm raw` still shows the errno.
    private static void EnsureFits(NsmRequest request)
    {
        var length = NsmCbor.EncodeRequest(request).Length;
        if (length > NsmLimits.RequestMaxSize)
        {
            throw CliException.Usage(string.Create(
                CultureInfo.InvariantCulture,
                $"the {request.Name} request would be {length} bytes of CBOR; the NSM takes at most {NsmLimits.RequestMaxSize} (NSM_REQUEST_MAX_SIZE)"));
        }
    }
}
