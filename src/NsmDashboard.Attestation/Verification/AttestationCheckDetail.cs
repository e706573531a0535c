namespace NsmDashboard.Attestation;

/// <summary>One line of evidence under a check: a certificate and its window, a PCR and its expected value, …</summary>
/// <param name="Label">What the line is about, e.g. <c>leaf CN=i-…-enc….us-east-2.aws</c> or <c>PCR0</c>.</param>
/// <param name="Value">The evidence, e.g. <c>2021-10-28T14:44:13Z … 2021-10-28T17:44:13Z</c>.</param>
/// <param name="Ok">Whether this item passed; <see langword="null"/> for information only.</param>
public sealed record AttestationCheckDetail(string Label, string Value, bool? Ok = null);
