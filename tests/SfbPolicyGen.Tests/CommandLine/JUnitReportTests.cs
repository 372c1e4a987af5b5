using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary><c>--report junit FILE</c> of check, plan and verify, run in-process: the command prints and
/// exits as without it, and the file, validated against junit-10.xsd (<see cref="JUnitSchema"/>), has the
/// test cases docs/REPORTS.md promises, with their element and attribute names and counts written here
/// as literals. Bad input (exit 2) writes no report.</summary>
public sealed class JUnitReportTests : IDisposable
{
    private const string Policy = "tenant: {name: contoso}\ndomains: [contoso.com]\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-junit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PolicyFile => Path.Combine(_dir, "policies.yaml");

    private string Out => Path.Combine(_dir, "out");

    private string Report => Path.Combine(_dir, "report.xml");

    private void Generate(string policy = Policy)
    {
        File.WriteAllText(PolicyFile, policy);
        var run = CliRunner.Run("generate", PolicyFile, "--out", Out);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
    }

    /// <summary>The files of the output folder, '/'-separated, counted from the disk, not from the tool.</summary>
    private List<string> FilesOnDisk() =>
        [.. Directory.EnumerateFiles(Out, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(Out, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    private static int Count(XElement element, string attribute) => int.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    private static XElement Suite(XDocument report, string name) => Assert.Single(report.Root!.Elements("testsuite"), s => s.Attribute("name")!.Value == name);

    private static XElement Case(XElement suite, string name) => Assert.Single(suite.Elements("testcase"), c => c.Attribute("name")!.Value == name);

    /// <summary>The one failure or error of a test case: its element name, type, message and text.</summary>
    private static (string Element, string Type, string Message, string Text) Outcome(XElement testCase)
    {
        var outcome = Assert.Single(testCase.Elements());
        return (outcome.Name.LocalName, outcome.Attribute("type")!.Value, outcome.Attribute("message")!.Value, outcome.Value);
    }

    [Fact]
    public void Check_on_an_up_to_date_folder_passes_a_test_case_per_file()
    {
        Generate();
        var files = FilesOnDisk();

        var run = CliRunner.Run("check", PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.EndsWith($" is up to date ({files.Count} files).\n", run.Stdout, StringComparison.Ordinal);
        var report = JUnitSchema.Load(Report);
        var root = report.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("sfbpolicygen check", root.Attribute("name")!.Value);
        Assert.Equal((files.Count, 0, 0), (Count(root, "tests"), Count(root, "failures"), Count(root, "errors")));
        Assert.Equal(["(output folder)", "contoso"], root.Elements("testsuite").Select(s => s.Attribute("name")!.Value));
        var outside = Suite(report, "(output folder)");
        Assert.Equal([".gitattributes", "manifest.json"], outside.Elements("testcase").Select(c => c.Attribute("name")!.Value));
        var contoso = Suite(report, "contoso");
        Assert.Equal(files.Where(f => f.StartsWith("contoso/", StringComparison.Ordinal)), contoso.Elements("testcase").Select(c => c.Attribute("name")!.Value));
        Assert.Equal((files.Count - 2, 0, 0, 0), (Count(contoso, "tests"), Count(contoso, "failures"), Count(contoso, "errors"), Count(contoso, "skipped")));
        Assert.All(contoso.Elements("testcase"), c => Assert.Equal("sfbpolicygen.check.contoso", c.Attribute("classname")!.Value));
        Assert.All(root.Descendants("testcase"), c => Assert.Empty(c.Elements()));

        // The same run, the same bytes; in a folder that is not there yet, made for it.
        var again = Path.Combine(_dir, "results", "check.xml");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("check", PolicyFile, "--out", Out, "--report", "junit", again).Code);
        Assert.Equal(File.ReadAllBytes(Report), File.ReadAllBytes(again));
    }

    /// <summary>The edit puts <c>]]&gt;</c> and a control character XML 1.0 forbids into the diff: the
    /// report stays valid, with the text as written and the character as <c>\u0001</c>.</summary>
    [Fact]
    public void Check_fails_a_file_edited_by_hand_with_its_diff_and_a_missing_and_a_stray_file()
    {
        Generate();
        const string edited = "contoso/dns/contoso.com.zone";
        const string missing = "contoso/registry/TrustModelData.reg";
        const string stray = "contoso/notes.txt";
        File.AppendAllText(Path.Combine(Out, edited), "; ]]> <b>&amp; \u0001 end\n");
        File.Delete(Path.Combine(Out, missing));
        File.WriteAllText(Path.Combine(Out, stray), "mine\n");
        var files = FilesOnDisk();

        var run = CliRunner.Run("check", PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        Assert.Contains($"edited: {edited} (differs from what generate wrote; generate would overwrite it)\n", run.Stdout, StringComparison.Ordinal);
        var report = JUnitSchema.Load(Report);
        var root = report.Root!;
        // The files on disk (the stray one among them), and the missing one.
        Assert.Equal((files.Count + 1, 3, 0), (Count(root, "tests"), Count(root, "failures"), Count(root, "errors")));
        var contoso = Suite(report, "contoso");
        Assert.Equal((files.Count - 1, 3, 0), (Count(contoso, "tests"), Count(contoso, "failures"), Count(contoso, "errors")));
        Assert.Equal(contoso.Elements("testcase").Select(c => c.Attribute("name")!.Value).Order(StringComparer.Ordinal), contoso.Elements("testcase").Select(c => c.Attribute("name")!.Value));

        var (element, type, message, diff) = Outcome(Case(contoso, edited));
        Assert.Equal(("failure", "edited", "edited by hand"), (element, type, message));
        Assert.StartsWith($"--- {edited}\t(on disk)\n+++ {edited}\t(what generate would write)\n@@ ", diff, StringComparison.Ordinal);
        Assert.Contains("\n-; ]]> <b>&amp; \\u0001 end\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", File.ReadAllText(Report), StringComparison.Ordinal);

        Assert.Equal(("failure", "missing", "missing: generate would write it", ""), Outcome(Case(contoso, missing)));
        Assert.Equal(("failure", "stray", "not in manifest.json, so not sfbpolicygen's; generate leaves it", ""), Outcome(Case(contoso, stray)));
        Assert.Empty(Case(contoso, "contoso/dns/Add-DnsServerRecords.ps1").Elements());
        Assert.Empty(Case(Suite(report, "(output folder)"), "manifest.json").Elements());
    }

    [Fact]
    public void Check_fails_a_file_generate_would_remove()
    {
        Generate("tenant: {name: contoso}\ndomains: [contoso.com, contoso.de]\n");
        File.WriteAllText(PolicyFile, Policy);

        var run = CliRunner.Run("check", PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        var contoso = Suite(JUnitSchema.Load(Report), "contoso");
        Assert.Equal(("failure", "removed", "generate would remove it", ""), Outcome(Case(contoso, "contoso/dns/contoso.de.zone")));
        Assert.Equal("changed", Outcome(Case(contoso, "contoso/dns/Add-DnsServerRecords.ps1")).Type);
    }

    private const string Before = """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData: {clients: [skype2016], existing: [old.example]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 1}]}
        """;

    private const string After = """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.de]
        trustModelData: {clients: [skype2016]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 1}]}
        """;

    [Fact]
    public void Plan_fails_each_area_with_changes_with_the_plan_s_lines_and_passes_the_others()
    {
        Generate(Before);
        File.WriteAllText(PolicyFile, After);

        var run = CliRunner.Run("plan", PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        var printed = run.Stdout.Split('\n');
        var report = JUnitSchema.Load(Report);
        Assert.Equal("sfbpolicygen plan", report.Root!.Attribute("name")!.Value);
        var contoso = Suite(report, "contoso");
        Assert.Equal(
            ["TrustModelData", "GPO", "DNS", "TMG", "ADMX", "Active Directory", "Retired", "Moved", "Tenant", "Files"],
            contoso.Elements("testcase").Select(c => c.Attribute("name")!.Value));
        Assert.All(contoso.Elements("testcase"), c => Assert.Equal("sfbpolicygen.plan.contoso", c.Attribute("classname")!.Value));

        var trust = Outcome(Case(contoso, "TrustModelData"));
        Assert.Equal(("failure", "changes"), (trust.Element, trust.Type));
        Assert.Contains("TrustModelData (skype2016): + contoso.de\n", trust.Text, StringComparison.Ordinal);
        Assert.Contains("TrustModelData (skype2016): - old.example\n", trust.Text, StringComparison.Ordinal);
        Assert.Contains("Left in place: TrustModelData: old.example stays on computers the appender updated (not in retired.domains)\n", trust.Text, StringComparison.Ordinal);

        var dns = Outcome(Case(contoso, "DNS"));
        var dnsLines = printed.Where(l => l.StartsWith("  DNS ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(dnsLines);
        Assert.Equal(("failure", "changes", $"{dnsLines.Count} change(s)"), (dns.Element, dns.Type, dns.Message));
        Assert.Equal(string.Concat(dnsLines.Select(l => l[2..] + "\n")), dns.Text);
        Assert.Contains("DNS contoso.de: + sip CNAME sipdir.online.microsoft.com.\n", dns.Text, StringComparison.Ordinal);

        Assert.Contains("Files: + dns/contoso.de.zone\n", Outcome(Case(contoso, "Files")).Text, StringComparison.Ordinal);
        foreach (var unchanged in new[] { "GPO", "TMG", "Active Directory", "Retired", "Moved", "Tenant" })
        {
            Assert.Empty(Case(contoso, unchanged).Elements());
        }

        var failing = contoso.Elements("testcase").Count(c => c.Element("failure") is not null);
        Assert.Equal((10, failing, 0, 0), (Count(contoso, "tests"), Count(contoso, "failures"), Count(contoso, "errors"), Count(contoso, "skipped")));
        Assert.Equal((10, failing), (Count(report.Root, "tests"), Count(report.Root, "failures")));
    }

    [Fact]
    public void Plan_with_nothing_to_change_passes_every_area()
    {
        Generate(After);

        var run = CliRunner.Run("plan", PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var root = JUnitSchema.Load(Report).Root!;
        Assert.Equal((10, 0, 0), (Count(root, "tests"), Count(root, "failures"), Count(root, "errors")));
        Assert.All(root.Descendants("testcase"), c => Assert.Empty(c.Elements()));
    }

    /// <summary>A DNS server that is not there (unreachable lines) and a domain controller whose clock is an
    /// hour ahead (an error): exit 1, as without the report.</summary>
    [Fact]
    public void Verify_fails_an_error_and_errs_an_unreachable_line()
    {
        File.WriteAllText(PolicyFile, "tenant: {name: t}\ndomains: [t.example]\n");
        using var clock = new LyingSntpServer(TimeProvider.System, TimeSpan.FromHours(1));

        var run = CliRunner.Run("verify", PolicyFile, "--only", "dns,time", "--server", $"127.0.0.1:{FreeUdpPort()}", "--timeout", "1", "--dc", clock.Address, "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.Differences, run.ToString());
        var unreachable = run.Stdout.Split('\n').Count(l => l.StartsWith("unreachable dns ", StringComparison.Ordinal));
        Assert.True(unreachable > 0, run.ToString());
        var report = JUnitSchema.Load(Report);
        Assert.Equal("sfbpolicygen verify", report.Root!.Attribute("name")!.Value);
        var suite = Suite(report, "t");
        Assert.Equal((unreachable + 1, 1, unreachable), (Count(suite, "tests"), Count(suite, "failures"), Count(suite, "errors")));

        var time = Outcome(Case(suite, $"time {clock.Address}"));
        Assert.Equal(("failure", "error"), (time.Element, time.Type));
        // An hour, give or take the time the answer took on its way (on a loaded machine, a fraction of a second).
        Assert.Matches(@"^offset \+(359\d|360\d)\.\d{3} s ", time.Message);
        Assert.Contains("past the maximum of 300 s", time.Message, StringComparison.Ordinal);

        var sip = Outcome(Case(suite, "dns sip.t.example. CNAME sipdir.online.microsoft.com."));
        Assert.Equal(("error", "unreachable"), (sip.Element, sip.Type));
        Assert.StartsWith("no answer (", sip.Message, StringComparison.Ordinal);
        Assert.All(suite.Elements("testcase"), c => Assert.Equal("sfbpolicygen.verify.t", c.Attribute("classname")!.Value));
    }

    [Fact]
    public void Verify_with_nothing_reachable_is_exit_3_and_reports_every_line_as_an_error()
    {
        File.WriteAllText(PolicyFile, "tenant: {name: t}\ndomains: [t.example]\n");

        var run = CliRunner.Run("verify", PolicyFile, "--only", "dns", "--server", $"127.0.0.1:{FreeUdpPort()}", "--timeout", "1", "--report", "junit", Report);

        Assert.True(run.Code == ExitCodes.IoOrInternalError, run.ToString());
        var root = JUnitSchema.Load(Report).Root!;
        var lines = run.Stdout.Split('\n').Count(l => l.StartsWith("unreachable ", StringComparison.Ordinal));
        Assert.Equal((lines, 0, lines), (Count(root, "tests"), Count(root, "failures"), Count(root, "errors")));
        Assert.All(root.Descendants("testcase"), c => Assert.Equal("error", Assert.Single(c.Elements()).Name.LocalName));
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("verify")]
    public void An_unknown_format_is_a_usage_error_with_the_nearest_one_and_writes_nothing(string command)
    {
        File.WriteAllText(PolicyFile, Policy);

        var run = CliRunner.Run(command, PolicyFile, "--out", Out, "--report", "junti", Report);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error SFB080: --report: 'junti' is not a report format; did you mean 'junit'? (formats: junit)\n", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.False(File.Exists(Report));
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("verify")]
    public void Bad_input_writes_no_report(string command)
    {
        File.WriteAllText(PolicyFile, "tenant: {name: contoso}\ndomains: [not a domain]\n");

        var run = CliRunner.Run(command, PolicyFile, "--out", Out, "--report", "junit", Report);

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Contains(": error SFB", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Report));
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [MemberData(nameof(GoldenCases.Invalid), MemberType = typeof(GoldenCases))]
    public void Check_on_a_golden_error_case_is_exit_2_and_writes_no_report(string name)
    {
        var run = CliRunner.Run(["check", .. GoldenCases.Inputs(name), "--out", Out, "--report", "junit", Report]);

        Assert.True(run.Code == ExitCodes.InvalidInput, run.ToString());
        Assert.False(File.Exists(Report));
        Assert.False(Directory.Exists(Out));
    }
}
