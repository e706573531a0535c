using NsmDashboard.Evidence.Canonical;
using NsmDashboard.Evidence.Chain;

namespace NsmDashboard.Evidence.Verification;

/// <summary>Sees a trail's verified content in order, as the verifier accepts it (the event-log replay is one).</summary>
public interface ITrailObserver
{
    /// <summary>A chain begins: at its genesis, or mid-chain when the file holds no genesis.</summary>
    void ChainStarted(ChainGenesis? genesis);

    /// <summary>A record that hashes and links.</summary>
    /// <param name="sequence">Its sequence number.</param>
    /// <param name="record">The record.</param>
    /// <param name="data">Its data, checked against its SHA-384 and length; null when the line has none.</param>
    void Record(long sequence, EvidenceObject record, byte[]? data);

    /// <summary>Records the export stated as gone.</summary>
    void Gap(long from, long through);
}
