using NsmDashboard.Nsm.Pcrs;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Metrics;

/// <summary>One PCR as the last refresh read it, with what the event log says about it.</summary>
/// <param name="Pcr">The PCR (index, lock, value).</param>
/// <param name="History">What the replay depended on, to tell whether it must run again.</param>
/// <param name="Verdict">The replay's verdict.</param>
public sealed record PcrReading(PcrState Pcr, PcrHistory History, PcrReplayVerdict Verdict);

/// <summary>The part of the event log one PCR's replay depends on.</summary>
/// <param name="Entries">How many entries the log has for the PCR.</param>
/// <param name="LastSequence">The sequence number of the last of them (0 without any).</param>
/// <param name="MissingThrough">The last sequence number of its history the log lost, if any.</param>
public readonly record struct PcrHistory(int Entries, long LastSequence, long? MissingThrough);
