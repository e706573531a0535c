using NsmDashboard.Attestation;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Features.Attestation.DocumentView;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Attestation.DocumentView;

public sealed class AttestationViewTests : NsmDashboardTestContext
{
    private AttestationService Service => Services.GetRequiredService<AttestationService>();

    // At the document's own time: these real documents expired years ago, and the view is shown for a valid one.
    private AttestationOutcome InspectUnderAws(byte[] document) =>
        Service.Inspect(document, new InspectOptions { TrustRoot = AttestationTrustRoot.Aws, AtDocumentTime = true });

    [Fact]
    public void The_document_view_shows_every_field_of_a_real_document()
    {
        // Arrange
        var outcome = InspectUnderAws(AwsVectors.Nitrite);

        // Act
        var view = Render<AttestationDocumentView>(p => p.Add(x => x.Outcome, outcome));

        // Assert
        var document = outcome.Decoded!;
        Assert.Equal(document.ModuleId, view.Find("[data-testid=doc-module-id] .hex-value").GetAttribute("data-value"));
        Assert.Equal("SHA384", view.Find("[data-testid=doc-digest]").TextContent.Trim());
        Assert.Contains("2021-10-28 17:02:02.077 UTC", view.Find("[data-testid=doc-timestamp]").TextContent, StringComparison.Ordinal);
        Assert.Contains("ago", view.Find("[data-testid=doc-age]").TextContent, StringComparison.Ordinal);
        Assert.Contains("untagged", view.Find("[data-testid=doc-envelope]").TextContent, StringComparison.Ordinal);
        Assert.Contains("ES384 (-35)", view.Find("[data-testid=doc-envelope]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(document.Signature.Span), view.Find("[data-testid=doc-signature]").GetAttribute("data-value"));

        // Every PCR of the document, with its value.
        var rows = view.FindAll("[data-testid=pcr-compare-row]");
        Assert.Equal(document.Pcrs!.Keys.Order(), rows.Select(r => int.Parse(r.GetAttribute("data-index")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Convert.ToHexStringLower(document.Pcrs[4].Span), rows[4].QuerySelector("[data-testid=pcr-document-value]")!.GetAttribute("data-value"));
        Assert.NotNull(view.Find("[data-testid=pcr-debug-note]"));

        // The chain: leaf, then the bundle reversed, ending at the pinned root.
        var chain = view.FindAll("[data-testid=chain-certificate]");
        Assert.Equal(["leaf", "cabundle[3]", "cabundle[2]", "cabundle[1]", "cabundle[0]"], chain.Select(c => c.GetAttribute("data-label")));
        Assert.Equal("aws.nitro-enclaves", chain[^1].QuerySelector("[data-testid=cert-subject-cn]")!.TextContent);
        Assert.NotNull(chain[^1].QuerySelector("[data-testid=cert-pinned]"));
        Assert.Equal(AwsVectors.AwsRootSha256, chain[^1].QuerySelector("[data-testid=cert-sha256]")!.GetAttribute("data-value"));
        Assert.All(chain, c => Assert.Equal("true", c.QuerySelector("[data-testid=validity]")!.GetAttribute("data-valid-at-validation")));
        Assert.Contains("CN=aws.nitro-enclaves", chain[^2].QuerySelector("[data-testid=cert-issuer]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(chain[2].QuerySelector("[data-testid=cert-subject]")!.TextContent, chain[1].QuerySelector("[data-testid=cert-issuer]")!.TextContent);

        // The requester's fields: nonce 20 bytes, user_data 64 bytes, public_key EMPTY.
        Assert.Equal(Convert.ToHexStringLower(document.Nonce.Value.Span), view.Find("[data-testid=field-nonce] [data-testid=field-hex]").GetAttribute("data-value"));
        Assert.Equal("20 bytes", view.Find("[data-testid=field-nonce] [data-testid=field-kind]").TextContent.Trim());
        Assert.Equal("64 bytes", view.Find("[data-testid=field-user-data] [data-testid=field-kind]").TextContent.Trim());
        Assert.Equal("empty", view.Find("[data-testid=field-public-key]").GetAttribute("data-kind"));
    }

    [Fact]
    public void Null_and_empty_public_keys_are_shown_differently()
    {
        // Act
        var nitrite = Render<AttestationDocumentView>(p => p.Add(x => x.Outcome, InspectUnderAws(AwsVectors.Nitrite)));
        var evervault = Render<AttestationDocumentView>(p => p.Add(x => x.Outcome, InspectUnderAws(AwsVectors.Evervault)));

        // Assert
        var empty = nitrite.Find("[data-testid=field-public-key]");
        var isNull = evervault.Find("[data-testid=field-public-key]");
        Assert.Equal("empty (0 bytes)", empty.QuerySelector("[data-testid=field-kind]")!.TextContent.Trim());
        Assert.Contains("empty", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("null", isNull.QuerySelector("[data-testid=field-kind]")!.TextContent.Trim());
        Assert.Contains("CBOR null", isNull.TextContent, StringComparison.Ordinal);
        Assert.Equal("null", evervault.Find("[data-testid=field-user-data]").GetAttribute("data-kind"));
        Assert.Equal("256 bytes", evervault.Find("[data-testid=field-nonce] [data-testid=field-kind]").TextContent.Trim());
    }

    [Fact]
    public void Printable_user_data_is_also_shown_as_UTF8()
    {
        // Act
        var view = Render<OptionalBytesView>(p => p.Add(x => x.Field, "user_data").Add(x => x.Value, OptionalBytes.FromBytes("hello, enclave"u8.ToArray())));

        // Assert
        Assert.Equal("68656c6c6f2c20656e636c617665", view.Find("[data-testid=field-hex]").GetAttribute("data-value"));
        Assert.Equal("hello, enclave", view.Find("[data-testid=field-utf8]").TextContent);
    }

    [Fact]
    public void The_checks_are_listed_in_order_and_a_failed_check_shows_its_evidence()
    {
        // Arrange
        var outcome = InspectUnderAws(AwsVectors.WithSignatureByteFlipped(AwsVectors.Nitrite));

        // Act
        var view = Render<VerificationChecksView>(p => p.Add(x => x.Result, outcome.Verification));

        // Assert
        var checks = view.FindAll("[data-testid=check]");
        Assert.Equal(AttestationChecks.All.Select(id => id.ToString()), checks.Select(c => c.GetAttribute("data-check")));
        var failed = Assert.Single(checks, c => c.GetAttribute("data-status") == "Failed");
        Assert.Equal(nameof(AttestationCheckId.CoseSignature), failed.GetAttribute("data-check"));
        Assert.Equal("SignatureInvalid", failed.QuerySelector("[data-testid=check-failure]")!.TextContent.Trim());
        var evidence = outcome.Verification.GetCheck(AttestationCheckId.CoseSignature).Evidence;
        Assert.Equal(evidence, failed.QuerySelector("[data-testid=check-evidence]")!.TextContent);
        Assert.Equal("FAILED", failed.QuerySelector("[data-testid=check-status]")!.TextContent);
        Assert.Equal("passed", checks[0].QuerySelector("[data-testid=check-status]")!.TextContent);
        Assert.Equal("not applicable", checks.Single(c => c.GetAttribute("data-check") == "Revocation").QuerySelector("[data-testid=check-status]")!.TextContent);
    }

    [Fact]
    public void The_verdict_names_the_AWS_root_with_its_SHA256_for_a_real_document()
    {
        // Act
        var verdict = Render<AttestationVerdict>(p => p.Add(x => x.Outcome, InspectUnderAws(AwsVectors.Evervault)));

        // Assert
        Assert.Equal("true", verdict.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("AWS Nitro Enclaves Root G1", verdict.Find("[data-testid=trust-root-label]").TextContent);
        Assert.Equal(AwsVectors.AwsRootSha256, verdict.Find("[data-testid=trust-root-sha256]").GetAttribute("data-value"));
        Assert.Contains("CRL", verdict.Find("[data-testid=revocation-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("DocumentTimestamp", verdict.Find("[data-testid=validation-time]").GetAttribute("data-kind"));
        Assert.StartsWith("data:application/cbor;base64,hEShATgioFk", verdict.Find("[data-testid=download-cbor]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("attestation-20221013T085802Z.cbor", verdict.Find("[data-testid=download-cbor]").GetAttribute("download"));
        Assert.Equal("nsm verify attestation-20221013T085802Z.cbor --at 2022-10-13T08:58:02.136Z", verdict.Find("[data-testid=verify-command]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task The_verdict_on_an_emulator_document_says_NOT_AWS()
    {
        // Arrange
        var outcome = await Service.RequestAsync(new AttestationRequest(Nonce: new byte[32]), OtherOperator, TestContext.Current.CancellationToken);

        // Act
        var verdict = Render<AttestationVerdict>(p => p.Add(x => x.Outcome, outcome));

        // Assert
        Assert.Equal("true", verdict.Find("[data-testid=verdict]").GetAttribute("data-valid"));
        Assert.Equal("Emulator root — NOT AWS", verdict.Find("[data-testid=trust-root-label]").TextContent);
        Assert.DoesNotContain("AWS Nitro Enclaves Root G1", verdict.Markup, StringComparison.Ordinal);
        Assert.Contains("Not from AWS Nitro hardware", verdict.Find("[data-testid=verdict-not-aws]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(verdict.Find("[data-testid=download-root]"));
        Assert.Contains("--root emulator-root.crt.pem --expect-nonce " + new string('0', 64), verdict.Find("[data-testid=verify-command]").GetAttribute("data-value"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_PCRs_are_marked_equal_or_different_and_PCRs_missing_from_the_document_are_named()
    {
        // Arrange: the document holds only locked PCRs (0–15 at boot); PCR16 is locked after it was signed,
        // and the live PCR4 is shown as another enclave's would be.
        var outcome = await Service.RequestAsync(new AttestationRequest(), OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(16, OtherOperator, TestContext.Current.CancellationToken);
        var live = (await State.GetSnapshotAsync(TestContext.Current.CancellationToken)).Pcrs.ToArray();
        live[4] = new PcrState(4, Locked: true, Enumerable.Repeat((byte)0xab, 48).ToArray());

        // Act
        var table = Render<PcrComparisonTable>(p => p.Add(x => x.DocumentPcrs, outcome.Decoded!.Pcrs).Add(x => x.LivePcrs, live));

        // Assert
        Assert.Equal(16, table.FindAll("[data-testid=pcr-compare-row]").Count);
        Assert.NotNull(table.Find(".pcr-compare-row-0 [data-testid=pcr-live-equal]"));
        Assert.NotNull(table.Find(".pcr-compare-row-4 [data-testid=pcr-live-different]"));
        Assert.Single(table.FindAll("[data-testid=pcr-live-different]"));
        Assert.Contains("16–31", table.Find("[data-testid=pcr-not-in-document]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_PCR_values_are_marked_per_set()
    {
        // Arrange
        var document = AttestationDocument.Decode(AwsVectors.Evervault);
        var pcr0 = document.Pcrs![0];
        var sets = new[]
        {
            new ExpectedPcrSet("set 1", [new(0, new byte[48])]),
            new ExpectedPcrSet("set 2", [new(0, pcr0)]),
        };

        // Act
        var table = Render<PcrComparisonTable>(p => p.Add(x => x.DocumentPcrs, document.Pcrs).Add(x => x.ExpectedSets, sets));

        // Assert
        var row = table.Find(".pcr-compare-row-0 [data-testid=pcr-expected]");
        Assert.Equal("set 1", row.QuerySelector("[data-testid=pcr-expected-mismatch]")!.TextContent.Trim());
        Assert.Equal("set 2", row.QuerySelector("[data-testid=pcr-expected-match]")!.TextContent.Trim());
        Assert.Empty(table.FindAll("[data-testid=pcr-debug-note]"));
    }
}
