namespace NsmDashboard.Attestation.Tests.Docs;

/// <summary>
/// The reference each verification check shows users (UI, the API's <c>reference</c>, <c>nsm verify --json</c>) is
/// a section of docs/attestation-verification.md that exists, one per check.
/// </summary>
public sealed class CheckReferenceTests
{
    public static TheoryData<AttestationCheckId> Checks => [.. AttestationChecks.All];

    [Theory]
    [MemberData(nameof(Checks))]
    public void Every_check_references_an_existing_section_of_the_verification_document(AttestationCheckId id)
    {
        var reference = AttestationChecks.ReferenceOf(id);

        Assert.StartsWith(AttestationChecks.VerificationDocument + "#", reference, StringComparison.Ordinal);
        Assert.Null(RepositoryDocs.Problem(reference));
    }

    [Theory]
    [InlineData(AttestationCheckId.CoseStructure, "docs/attestation-verification.md#cose-structure")]
    [InlineData(AttestationCheckId.RootPinned, "docs/attestation-verification.md#root-pinned")]
    [InlineData(AttestationCheckId.ChainSignatures, "docs/attestation-verification.md#chain-signatures")]
    [InlineData(AttestationCheckId.ExpectedPcrs, "docs/attestation-verification.md#expected-pcrs")]
    public void The_anchor_is_the_check_name_in_kebab_case(AttestationCheckId id, string expected)
    {
        Assert.Equal(expected, AttestationChecks.ReferenceOf(id));
    }

    [Fact]
    public void Each_check_has_its_own_section()
    {
        var references = AttestationChecks.All.Select(AttestationChecks.ReferenceOf).ToArray();

        Assert.Equal(references.Length, references.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_result_carries_the_reference_of_each_check()
    {
        var result = new AttestationVerifier().Verify(AwsVectors.Nitrite, AwsVectors.NitriteTime);

        Assert.All(result.Checks, check => Assert.Equal(AttestationChecks.ReferenceOf(check.Id), check.Reference));
    }

    [Fact]
    public void A_missing_anchor_or_file_is_reported()
    {
        // Built at run time, so that the scan of DocsLinkTests does not take these for real references.
        var document = AttestationChecks.VerificationDocument;
        Assert.NotNull(RepositoryDocs.Problem(document + "#no-such-check"));
        Assert.NotNull(RepositoryDocs.Problem(document.Replace("verification", "nothing", StringComparison.Ordinal) + "#cose-structure"));
        Assert.NotNull(RepositoryDocs.Problem("notes.md#cose-structure"));
        Assert.Null(RepositoryDocs.Problem(document + "#validation-time"));
    }
}
