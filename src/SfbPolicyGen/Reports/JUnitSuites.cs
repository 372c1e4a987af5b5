using System.Globalization;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Reports;

/// <summary>The test suites of each command's JUnit report: one per tenant, in ordinal order of name
/// (docs/REPORTS.md, "What a test case is").</summary>
public static class JUnitSuites
{
    /// <summary>check's suite of the files outside tenant folders (manifest.json, .gitattributes, a
    /// staging folder left by a run that stopped).</summary>
    public const string OutputFolderSuite = "(output folder)";

    /// <summary>check: a test case per file the run produces, named by its path under the output folder,
    /// passing when the file on disk is what generate would write; and a failing one per file generate
    /// would remove or keep, or that is not sfbpolicygen's. A failure's type is the difference's kind
    /// (<c>missing</c>, <c>changed</c>, <c>edited</c>, <c>removed</c>, <c>kept</c>, <c>stray</c>), its text the
    /// unified diff where check prints one. Test cases in ordinal order of path.</summary>
    public static IReadOnlyList<TestSuiteResult> OfCheck(Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var differences = comparison.Differences.ToDictionary(d => d.Path, StringComparer.Ordinal);
        var cases = comparison.Produced.Concat(differences.Keys).Distinct(StringComparer.Ordinal).Select(path =>
            differences.TryGetValue(path, out var difference) ? Failed(difference) : TestCaseResult.Pass(path));
        return [.. cases
            .GroupBy(c => SuiteOf(c.Name), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TestSuiteResult(g.Key, [.. g.OrderBy(c => c.Name, StringComparer.Ordinal)]))];
    }

    /// <summary>The tenant folder a path of the output folder is in, or <see cref="OutputFolderSuite"/>.</summary>
    private static string SuiteOf(string path) =>
        path.IndexOf('/', StringComparison.Ordinal) is var slash && slash > 0 && slash < path.Length - 1 ? path[..slash] : OutputFolderSuite;

    private static TestCaseResult Failed(Difference difference)
    {
        var (type, message) = difference.Kind switch
        {
            DifferenceKind.Missing => ("missing", "missing: generate would write it"),
            DifferenceKind.Changed => ("changed", "changed by the policy: generate would write other bytes"),
            DifferenceKind.Edited => ("edited", "edited by hand"),
            DifferenceKind.Removed => ("removed", "generate would remove it"),
            DifferenceKind.KeptAfterEdit => ("kept", "edited since generate wrote it; generate would keep it"),
            DifferenceKind.Stray => ("stray", "not in manifest.json, so not sfbpolicygen's; generate leaves it"),
        };
        return new TestCaseResult(difference.Path, TestOutcome.Failed, type, message, difference.UnifiedDiff);
    }

    /// <summary>plan: a test case per area of each tenant, named as the text plan names the area
    /// ("TrustModelData", "DNS", "Files"...; a concern's own area only when it has lines), failing when
    /// the area has lines, its text those lines as the JSON plan's "text" says them, what is left in place
    /// included (under its own area). Tenants: those of the run and those the plan names (a tenant
    /// --prune removes); areas in the order of <see cref="PlanArea"/>, a concern's after, by name.</summary>
    public static IReadOnlyList<TestSuiteResult> OfPlan(PlanResult plan, IEnumerable<string> tenants)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var byTenant = plan.Changes.ToLookup(c => c.Tenant, StringComparer.Ordinal);
        return [.. tenants.Concat(byTenant.Select(g => g.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(tenant =>
        {
            var byArea = byTenant[tenant].ToLookup(AreaName, StringComparer.Ordinal);
            var fixedAreas = Enum.GetValues<PlanArea>().Where(a => a != PlanArea.Concern).Select(PlanAreaNames.Name);
            var concernAreas = byArea.Select(g => g.Key).Except(fixedAreas, StringComparer.Ordinal).Order(StringComparer.Ordinal);
            return new TestSuiteResult(tenant, [.. fixedAreas.Concat(concernAreas).Select(area => byArea[area].ToList() is { Count: > 0 } lines
                ? new TestCaseResult(area, TestOutcome.Failed, "changes", string.Create(CultureInfo.InvariantCulture, $"{lines.Count} change(s)"), string.Join('\n', lines.Select(l => $"{l.AreaText}: {l.Text}")) + "\n")
                : TestCaseResult.Pass(area))]);
        })];
    }

    /// <summary>The area as the text plan prints it, without the client or domain it names.</summary>
    private static string AreaName(PlanChange change) => change.Area == PlanArea.Concern ? change.Own!.AreaText : change.Area.Name();

    /// <summary>verify: a test case per line, named by its check and subject (<c>dns sip.contoso.com. CNAME ...</c>):
    /// ok passes, a warning or an error is a failure of that type with the line's message (verify exits 1 on
    /// both), unreachable is an error. Test cases in the order verify prints them; a tenant of the run with
    /// no line has an empty suite.</summary>
    public static IReadOnlyList<TestSuiteResult> OfVerify(IReadOnlyList<CheckLine> lines, IEnumerable<string> tenants)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var byTenant = lines.ToLookup(l => l.Tenant, StringComparer.Ordinal);
        return [.. tenants.Concat(byTenant.Select(g => g.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(tenant => new TestSuiteResult(tenant, [.. byTenant[tenant].Select(Case)]))];
    }

    private static TestCaseResult Case(CheckLine line)
    {
        var name = $"{line.Check} {line.Subject}";
        return line.Status switch
        {
            CheckStatus.Ok => TestCaseResult.Pass(name),
            CheckStatus.Warning => new TestCaseResult(name, TestOutcome.Failed, "warning", line.Message),
            CheckStatus.Error => new TestCaseResult(name, TestOutcome.Failed, "error", line.Message),
            CheckStatus.Unreachable => new TestCaseResult(name, TestOutcome.Errored, "unreachable", line.Message),
        };
    }
}
