namespace NsmDashboard.Web.Operations;

/// <summary>
/// Receives every operation that passes through <see cref="NsmOperations"/>, succeeded or not, in the order the NSM
/// applied them. The audit trail and the PCR event log are sinks; register one with
/// <c>services.AddSingleton&lt;INsmOperationSink, …&gt;()</c>.
/// </summary>
/// <remarks>
/// Called while the mutation gate is held, so records arrive strictly in order and nothing else mutates
/// meanwhile: implementations must be quick, must not call <see cref="NsmOperations"/>, and must not throw (an
/// exception is logged and the other sinks still run).
/// </remarks>
public interface INsmOperationSink
{
    /// <summary>Records one operation.</summary>
    void Record(NsmOperationRecord record);
}
