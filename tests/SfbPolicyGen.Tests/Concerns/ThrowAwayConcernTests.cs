using System.Text.Json;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;

namespace SfbPolicyGen.Tests.Concerns;

/// <summary>Issue 22's proof that a concern is one folder and one registry line: a concern built here, in
/// the test assembly (one artifact kind, one fact), reaches generate, the manifest, .gitattributes, the
/// guide and plan through <see cref="ConcernRegistry.With"/> alone, and the product's registry does not
/// know it.</summary>
public sealed class ThrowAwayConcernTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-concern-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The greeting a tenant deploys: its first domain, as the policy lists it.</summary>
    private sealed record Greeting(string Domain);

    private sealed class GreetingFacts() : FactKind<Greeting>("greeting")
    {
        public override Greeting? From(TenantPolicy tenant) => new(tenant.Domains[0]);

        public override void Write(Utf8JsonWriter json, Greeting fact) => json.WriteStringValue(fact.Domain);

        public override Greeting Read(JsonElement json) => new(json.GetString() ?? throw new FormatException("no greeting"));

        public override IEnumerable<PlanChange> Changes(string tenant, Greeting? before, Greeting? after) => before == after ? [] :
        [
            new PlanChange(tenant, PlanArea.Concern, PlanAction.Change) { Own = new ConcernLine("greeting", "Greeting", $"~ {before?.Domain} → {after?.Domain}") },
        ];
    }

    private static readonly ArtifactKind Hello = new("hello", FileEncoding.Utf8, "\r\n", "hello/{domain}.txt")
    {
        Shown = "the greeting",
        Guide = new(StepRole.Deploy, new((a, _) => $"Greets {a.Domain}", (a, _) => $"Salue {a.Domain}"), new("Anywhere", "Partout")),
    };

    private static readonly Concern Demo = new("demo")
    {
        GuideStep = "demo",
        Kinds = [Hello],
        Writers = [(tenant, _) => tenant.Domains.Select(d => new Artifact(tenant.Name, Hello, Hello.PathOf(tenant.Name, d), $"hello {d}\n", Domain: d))],
        Facts = [new GreetingFacts()],
    };

    private static readonly ConcernRegistry Registry = ConcernRegistry.Default.With(Demo);

    private GeneratedTree Tree(string domains)
    {
        var policy = Path.Combine(_dir, "contoso.yaml");
        File.WriteAllText(policy, $"tenant: {{name: contoso}}\ndomains: [{domains}]\n");
        var diagnostics = new DiagnosticBag();
        return Generator.Build([policy], null, diagnostics, Registry) ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Sorted()));
    }

    private string Out => Path.Combine(_dir, "out");

    [Fact]
    public void Its_files_are_written_with_their_kind_s_bytes_and_listed_in_the_manifest()
    {
        OutputFolder.Write(Out, Tree("contoso.com, contoso.de"));

        Assert.Equal("hello contoso.com\r\n"u8.ToArray(), File.ReadAllBytes(Path.Combine(Out, "contoso", "hello", "contoso.com.txt")));
        var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, "manifest.json"))).RootElement;
        var hello = manifest.GetProperty("artifacts").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "hello").Select(a => a.GetProperty("path").GetString()).ToList();
        Assert.Equal(["contoso/hello/contoso.com.txt", "contoso/hello/contoso.de.txt"], hello);
        Assert.Equal("contoso.com", manifest.GetProperty("tenants")[0].GetProperty("greeting").GetString());
    }

    [Fact]
    public void Git_attributes_and_the_guide_take_its_kind_and_number_its_step_after_the_article_s_five()
    {
        OutputFolder.Write(Out, Tree("contoso.com"));

        Assert.Contains("/hello/*.txt text eol=crlf\n", File.ReadAllText(Path.Combine(Out, "contoso", ".gitattributes")));
        Assert.Contains("| 6 | [hello/contoso.com.txt](hello/contoso.com.txt) | Greets contoso.com | Anywhere |", File.ReadAllText(Path.Combine(Out, "contoso", "README.md")));
        Assert.Contains("| 6 | [hello/contoso.com.txt](hello/contoso.com.txt) | Salue contoso.com | Partout |", File.ReadAllText(Path.Combine(Out, "contoso", "README.fr-FR.md")));
    }

    [Fact]
    public void Plan_reads_its_fact_back_from_the_manifest_and_says_the_change_in_its_words()
    {
        OutputFolder.Write(Out, Tree("contoso.com"));

        var plan = Planner.Compute(Out, Tree("contoso.de, contoso.com"));

        var own = Assert.Single(plan.Changes, c => c.Area == PlanArea.Concern);
        Assert.Equal(("Greeting", "~ contoso.com → contoso.de", "greeting"), (own.AreaText, own.Text, own.AreaName));
        Assert.Contains(plan.Changes, c => c.Area == PlanArea.Files && c.Text == "+ hello/contoso.de.txt");
        Assert.Equal(PlanBaseline.Facts, plan.Baseline);
    }

    [Fact]
    public void The_product_s_registry_does_not_know_it_so_its_manifest_is_refused_there()
    {
        OutputFolder.Write(Out, Tree("contoso.com"));

        Assert.Null(ConcernRegistry.Default.KindOf("hello"));
        Assert.Null(ConcernRegistry.Default.FactOf("greeting"));
        var error = Assert.Throws<InvalidDataException>(() => Manifest.Load(Out));
        Assert.Contains("'hello' is not a kind of artifact this version writes", error.Message);
        Assert.Equal(ManifestState.Complete, Manifest.Load(Out, Registry).State);
    }
}
