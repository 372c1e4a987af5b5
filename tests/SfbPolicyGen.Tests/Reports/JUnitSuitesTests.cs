using SfbPolicyGen.Output;
using SfbPolicyGen.Reports;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.Reports;

/// <summary>JUnitSuites without a run: each verify status and each kind of check difference gives the
/// outcome and type docs/REPORTS.md, "What a test case is", lists; suites in ordinal order.</summary>
public class JUnitSuitesTests
{
    [Fact]
    public void Each_verify_status_has_its_outcome_and_type()
    {
        CheckLine Line(string tenant, string subject, CheckStatus status) => new(tenant, "time", subject, status, $"said of {subject}");
        var suites = JUnitSuites.OfVerify(
            [Line("b", "ok.example", CheckStatus.Ok), Line("b", "warn.example", CheckStatus.Warning), Line("b", "error.example", CheckStatus.Error), Line("a", "gone.example", CheckStatus.Unreachable)],
            ["c", "b", "a"]);

        Assert.Equal(["a", "b", "c"], suites.Select(s => s.Name));
        Assert.Empty(suites[2].Cases);
        Assert.Equal(new TestCaseResult("time gone.example", TestOutcome.Errored, "unreachable", "said of gone.example"), Assert.Single(suites[0].Cases));
        Assert.Equal(
            [
                TestCaseResult.Pass("time ok.example"),
                new TestCaseResult("time warn.example", TestOutcome.Failed, "warning", "said of warn.example"),
                new TestCaseResult("time error.example", TestOutcome.Failed, "error", "said of error.example"),
            ],
            suites[1].Cases);
        Assert.Equal((2, 0), (suites[1].Failures, suites[1].Errors));
        Assert.Equal((0, 1), (suites[0].Failures, suites[0].Errors));
    }

    [Fact]
    public void Each_kind_of_difference_has_its_type_and_a_path_outside_tenant_folders_its_own_suite()
    {
        var comparison = new Comparison(
            [
                new(".sfbpolicygen-staging/", DifferenceKind.Removed, null),
                new("contoso/a.txt", DifferenceKind.Missing, null),
                new("contoso/b.txt", DifferenceKind.Changed, "diff b"),
                new("contoso/c.txt", DifferenceKind.Edited, "diff c"),
                new("contoso/d.txt", DifferenceKind.Removed, null),
                new("contoso/e.txt", DifferenceKind.KeptAfterEdit, null),
                new("old/f.txt", DifferenceKind.Stray, null),
            ],
            [],
            ["contoso/z.txt", "contoso/a.txt", "contoso/b.txt", "contoso/c.txt", "manifest.json", ".gitattributes"]);

        var suites = JUnitSuites.OfCheck(comparison);

        Assert.Equal(["(output folder)", "contoso", "old"], suites.Select(s => s.Name));
        Assert.Equal([".gitattributes", ".sfbpolicygen-staging/", "manifest.json"], suites[0].Cases.Select(c => c.Name));
        Assert.Equal("removed", suites[0].Cases[1].Type);
        Assert.Equal(
            [("contoso/a.txt", "missing", null), ("contoso/b.txt", "changed", "diff b"), ("contoso/c.txt", "edited", "diff c"), ("contoso/d.txt", "removed", null), ("contoso/e.txt", "kept", null), ("contoso/z.txt", null, null)],
            suites[1].Cases.Select(c => (c.Name, c.Type, c.Text)));
        Assert.Equal(TestOutcome.Passed, suites[1].Cases[^1].Outcome);
        Assert.Equal(("old/f.txt", "stray"), (Assert.Single(suites[2].Cases).Name, suites[2].Cases[0].Type));
    }
}
