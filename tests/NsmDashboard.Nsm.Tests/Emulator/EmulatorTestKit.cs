using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Nsm.Protocol;

namespace NsmDashboard.Nsm.Tests.Emulator;

/// <summary>Byte-level helpers for driving the emulator exactly as a transport caller would.</summary>
internal static class EmulatorTestKit
{
    // Error responses of docs/nsm-messages.md#hex-vectors (and the same shape for the other codes).
    public const string InvalidIndex = "a1654572726f72 6c 496e76616c6964496e646578";
    public const string ReadOnlyIndex = "a1654572726f72 6d 526561644f6e6c79496e646578";
    public const string InvalidOperation = "a1654572726f72 70 496e76616c69644f7065726174696f6e";
    public const string InputTooLarge = "a1654572726f72 6d 496e707574546f6f4c61726765";
    public const string LockPcrHex = "674c6f636b504352";
    public const string LockPcrsHex = "684c6f636b50435273";

    /// <summary>A module id shaped like a real one, fixed so tests can assert exact bytes.</summary>
    public const string ModuleId = "i-00c89f181802cdef4-enc0175cd0dcee36866";

    /// <summary>Sends request bytes through <see cref="NsmEmulator.Exchange"/> with a full 0x3000 buffer.</summary>
    public static byte[] Exchange(NsmEmulator emulator, ReadOnlySpan<byte> request)
    {
        var buffer = new byte[NsmLimits.ResponseMaxSize];
        var length = emulator.Exchange(request, buffer);
        return buffer[..length];
    }

    /// <summary>Sends a hex request, returns the hex response.</summary>
    public static string ExchangeHex(NsmEmulator emulator, string requestHex) =>
        Hex.Of(Exchange(emulator, Hex.Bytes(requestHex)));

    /// <summary>Encodes, exchanges and decodes one request.</summary>
    public static NsmResponse Send(NsmEmulator emulator, NsmRequest request) =>
        NsmCbor.DecodeResponse(Exchange(emulator, NsmCbor.EncodeRequest(request)));

    /// <summary>The hex of a request's response.</summary>
    public static string SendHex(NsmEmulator emulator, NsmRequest request) =>
        Hex.Of(Exchange(emulator, NsmCbor.EncodeRequest(request)));

    /// <summary>Reads one PCR.</summary>
    public static DescribePcrResponse Pcr(NsmEmulator emulator, ushort index) =>
        Assert.IsType<DescribePcrResponse>(Send(emulator, new DescribePcrRequest(index)));

    /// <summary>Asks for an attestation document.</summary>
    public static byte[] Attest(NsmEmulator emulator, AttestationRequest? request = null) =>
        Assert.IsType<AttestationResponse>(Send(emulator, request ?? new AttestationRequest())).Document.ToArray();

    /// <summary>An emulator with a fixed module id (and optional tweaks).</summary>
    public static NsmEmulator Create(Action<NsmEmulatorOptions>? configure = null)
    {
        var options = new NsmEmulatorOptions { ModuleId = ModuleId };
        configure?.Invoke(options);
        return new NsmEmulator(options);
    }

    /// <summary>Hex with spaces removed, for comparing with the spec's spaced vectors.</summary>
    public static string Compact(string hex) => hex.Replace(" ", "", StringComparison.Ordinal);
}

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
