using System.Text.Json;
using System.Text.Json.Nodes;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Plan;

/// <summary>plan diffs models, not text: the facts kept in the manifest are the model's, the artifacts
/// read back give the same facts (the fallback for older folders), and a template override that moves
/// every line of a zone changes no plan line.</summary>
public sealed class PlannerTests : IDisposable
{
    private const string Before = """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData: {clients: [communicator, skype2016], existing: [old.example]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 1}]}
        dns: {profile: skype-online, lyncdiscover: true, ttl: 3600}
        activeDirectory: {users: ["CN=Carol,OU=Staff,DC=contoso,DC=com"]}
        """;

    private const string After = """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.de]
        trustModelData: {clients: [communicator, lync2013]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 0}, {name: lync}]}
        dns: {profile: teams-only, ttl: 600}
        activeDirectory: {users: ["CN=Dan,OU=Staff,DC=contoso,DC=com"]}
        """;

    /// <summary>A zone layout nothing reads back: records first, reversed, in another column order.</summary>
    private const string MovedZoneTemplate = """
        {{ for record in records | array.reverse }}{{ record.type }}	{{ record.data }}	; {{ record.name }}, {{ record.ttl }} s
        {{ end }}; zone {{ domain }} of {{ tenant }} ({{ profile }}, {{ cloud }}, {{ ttl }}, {{ name_width }}, {{ notes | array.size }})

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-planner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void The_manifest_keeps_the_facts_of_the_model_and_the_artifacts_read_back_to_them(string name)
    {
        var expected = GoldenCases.Tenants(name).Select(t => TenantFacts.From(t, DnsHistory.None)).ToDictionary(f => f.Tenant, StringComparer.Ordinal);
        var manifest = Manifest.Load(GoldenCases.Expected(name));
        Assert.Equal(ManifestState.Complete, manifest.State);
        Assert.NotNull(manifest.Facts);
        var fromArtifacts = ArtifactReader.Facts(GoldenCases.Expected(name), manifest.Entries, ConcernRegistry.Default);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), manifest.Facts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), fromArtifacts.Keys.Order(StringComparer.Ordinal));
        foreach (var (tenant, facts) in expected)
        {
            Assert.Equal(Describe(facts), Describe(manifest.Facts[tenant]));
            Assert.Equal(Describe(facts), Describe(fromArtifacts[tenant]));
        }
    }

    [Fact]
    public void A_template_override_that_moves_every_zone_line_changes_no_plan_line()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "zone.sbn"), MovedZoneTemplate);

        var plain = Plan("plain", []);
        var overridden = Plan("overridden", ["--templates", templates]);

        Assert.Contains("  DNS contoso.de: + _sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.", plain);
        Assert.Contains("  DNS contoso.com: - lyncdiscover CNAME webdir.online.lync.com.", plain);
        Assert.Equal(plain[..^1], overridden[..^1]);

        // The summary repeats the run, with the override.
        Assert.EndsWith($" --templates {templates}' to apply them.", overridden[^1], StringComparison.Ordinal);
        Assert.Equal(plain[^1], overridden[^1].Replace($" --templates {templates}", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_manifest_without_facts_is_planned_from_its_artifacts_and_says_so()
    {
        var withFacts = Plan("facts", []);
        var output = Path.Combine(_dir, "legacy", "out");
        var policy = Generate("legacy", Before, []);
        var manifestPath = Path.Combine(output, Manifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        Assert.True(manifest.Remove("tenants"));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.WriteAllText(policy, After);

        var run = CliRunner.Run("plan", policy, "--out", output);
        var lines = run.Stdout.Replace(Path.Combine(_dir, "legacy"), "DIR", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        Assert.Equal("note: DIR/out was written by a version that kept no facts in its manifest; the previous state was read back from its files.", lines[^2]);
        lines.RemoveAt(lines.Count - 2);
        Assert.Equal(withFacts, lines);

        var json = JsonDocument.Parse(CliRunner.Run("plan", policy, "--out", output, "--format", "json").Stdout).RootElement;
        Assert.Equal("artifacts", json.GetProperty("previousState").GetString());
    }

    /// <summary>generate Before into a fresh folder, then plan After, with the same extra options; the
    /// scenario's folder reads "DIR" in the lines, so that scenarios compare.</summary>
    private List<string> Plan(string scenario, string[] options)
    {
        var policy = Generate(scenario, Before, options);
        File.WriteAllText(policy, After);
        var run = CliRunner.Run(["plan", policy, "--out", Path.Combine(_dir, scenario, "out"), .. options]);
        Assert.Equal(ExitCodes.Differences, run.Code);
        return [.. run.Stdout.Replace(Path.Combine(_dir, scenario), "DIR", StringComparison.Ordinal).TrimEnd('\n').Split('\n')];
    }

    private string Generate(string scenario, string policyText, string[] options)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, scenario)).FullName;
        var policy = Path.Combine(folder, "policies.yaml");
        File.WriteAllText(policy, policyText);
        var run = CliRunner.Run(["generate", policy, "--out", Path.Combine(folder, "out"), .. options]);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        return policy;
    }

    /// <summary>Facts as lines a failure message shows whole.</summary>
    private static List<string> Describe(TenantFacts facts) =>
    [
        .. facts.TrustModelData.Select(t => $"trust {t.Key}: {string.Join(',', t.Value)}"),
        .. facts.Dns.SelectMany(d => d.Value.Select(r => $"dns {d.Key}: {r.Name} {r.Ttl} {r.Type} {r.Data}")),
        .. facts.Declared.Select(d => $"{d.Kind.Name} {d.Value}"),
        $"gpo {facts.GpoName}",
    ];
}
