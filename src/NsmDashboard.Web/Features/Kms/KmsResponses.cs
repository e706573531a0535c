using System.Text.Json;
using NsmDashboard.Kms;

namespace NsmDashboard.Web.Features.Kms;

/// <summary>A generated condition block and statements; the JSON members are objects ready to paste.</summary>
public sealed record KmsGenerateResponse(
    string Kind,
    string Source,
    string Operator,
    IReadOnlyList<string> Operations,
    IReadOnlyList<KmsConditionResponse> Conditions,
    JsonElement Condition,
    JsonElement KeyPolicyStatement,
    JsonElement IamPolicyStatement,
    IReadOnlyList<string> Notes)
{
    /// <summary>Maps a generation.</summary>
    public static KmsGenerateResponse From(KmsPolicyGeneration generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        return new(
            generation.Kind.ToString(),
            generation.Evidence.Source,
            KmsPolicyGenerator.Operator,
            [.. KmsOperations.All.Select(o => o.ActionName())],
            [.. generation.Conditions.Select(c => new KmsConditionResponse(c.Key.Name, c.Key.PcrIndex, c.Value))],
            Json(generation.ConditionJson),
            Json(generation.KeyPolicyStatementJson),
            Json(generation.IamPolicyStatementJson),
            generation.Notes);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>One pinned key.</summary>
public sealed record KmsConditionResponse(string Key, int Pcr, string Value);

/// <summary>The offline reading of a policy against a document.</summary>
public sealed record KmsCheckResponse(
    bool Passed,
    bool GateAdmitsDocument,
    string Verdict,
    string Caveat,
    KmsDocumentResponse Document,
    IReadOnlyList<KmsOperationResponse> Operations,
    IReadOnlyList<KmsStatementResponse> Statements,
    IReadOnlyList<KmsFindingResponse> Findings)
{
    /// <summary>Maps a check.</summary>
    public static KmsCheckResponse From(KeyPolicyCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(
            check.Passed,
            check.GateAdmitsDocument,
            check.Verdict,
            KeyPolicyCheck.Caveat,
            new KmsDocumentResponse(check.Evidence.Kind.ToString(), check.Evidence.Source, check.Evidence.IsDebugMode),
            [.. check.Operations.Select(o => new KmsOperationResponse(
                o.Operation.ActionName(), o.WithDocument.ToString(), o.AllowedBy, o.DeniedBy, o.AdmittedByAttestation, o.WithoutAttestation.ToString(), o.AllowedWithoutAttestationBy))],
            [.. check.Statements.Select(s => new KmsStatementResponse(
                s.Statement.Index,
                s.Statement.Sid,
                s.Statement.Effect.ToString(),
                [.. s.Operations.Select(o => o.ActionName())],
                s.AppliesWithDocument,
                s.AppliesWithoutAttestation,
                [.. s.Conditions.Select(c => new KmsConditionCheckResponse(
                    c.Condition.Operator.Written, c.Condition.Key, c.Condition.Values, c.WithDocument.ToString(), c.WithoutAttestation.ToString(), c.DocumentValue, c.Explanation))]))],
            [.. check.Findings.Select(f => new KmsFindingResponse(f.Severity.ToString(), f.Kind.ToString(), f.Message, f.StatementIndex, f.Path))]);
    }
}

/// <summary>The document the policy was read against.</summary>
public sealed record KmsDocumentResponse(string Kind, string Source, bool DebugMode);

/// <summary>The expected decision for one operation.</summary>
public sealed record KmsOperationResponse(
    string Operation,
    string WithDocument,
    IReadOnlyList<string> AllowedBy,
    IReadOnlyList<string> DeniedBy,
    bool AdmittedByAttestation,
    string WithoutAttestation,
    IReadOnlyList<string> AllowedWithoutAttestationBy);

/// <summary>A statement naming a Recipient operation.</summary>
public sealed record KmsStatementResponse(
    int Index,
    string? Sid,
    string Effect,
    IReadOnlyList<string> Operations,
    bool AppliesWithDocument,
    bool AppliesWithoutAttestation,
    IReadOnlyList<KmsConditionCheckResponse> Conditions);

/// <summary>One condition, read against the document.</summary>
public sealed record KmsConditionCheckResponse(
    string Operator,
    string Key,
    IReadOnlyList<string> Values,
    string WithDocument,
    string WithoutAttestation,
    string? DocumentValue,
    string Explanation);

/// <summary>A flagged mistake or risk.</summary>
public sealed record KmsFindingResponse(string Severity, string Kind, string Message, int? Statement, string? Path);
