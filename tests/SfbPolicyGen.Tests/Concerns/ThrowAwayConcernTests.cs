using System.Text.Json;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Import;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Tests.Concerns;

/// <summary>Issue 22's proof that a concern is one folder and one registry line: a concern built here, in
/// the test assembly (one key, one artifact kind, one fact), reaches the schema, init, import, the loader,
/// generate, the manifest, .gitattributes, the guide and plan through <see cref="ConcernRegistry.With"/>
/// alone, and the product's registry does not know it. (Loading/DeclaredKeysTests tries each key type.)</summary>
public sealed class ThrowAwayConcernTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-concern-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The greeting a tenant deploys: demo.greeting, or its default.</summary>
    private sealed record Greeting(string Text);

    private static string GreetingOf(TenantPolicy tenant) => tenant.Settings.Text("demo.greeting") ?? "hello";

    private sealed class GreetingFacts() : FactKind<Greeting>("greeting")
    {
        public override Greeting? From(TenantPolicy tenant) => new(GreetingOf(tenant));

        public override void Write(Utf8JsonWriter json, Greeting fact) => json.WriteStringValue(fact.Text);

        public override Greeting Read(JsonElement json) => new(json.GetString() ?? throw new FormatException("no greeting"));

        public override IEnumerable<PlanChange> Changes(string tenant, Greeting? before, Greeting? after) => before == after ? [] :
        [
            new PlanChange(tenant, PlanArea.Concern, PlanAction.Change) { Own = new ConcernLine("greeting", "Greeting", $"~ {before?.Text} → {after?.Text}") },
        ];
    }

    private static readonly ArtifactKind Hello = new("hello", FileEncoding.Utf8, "\r\n", "hello/{domain}.txt")
    {
        Shown = "the greeting",
        Guide = new(StepRole.Deploy, new((a, _) => $"Greets {a.Domain}", (a, _) => $"Salue {a.Domain}"), new("Anywhere", "Partout")),
    };

    private static readonly Concern Demo = new("demo")
    {
        Keys = [PolicyKey.Section("demo", "A throw-away concern of a test.", [new PolicyKey("greeting", TextType.Free(40), "What each file says.") { Default = "hello" }])],
        GuideStep = "demo",
        Kinds = [Hello],
        Writers = [(tenant, _) => tenant.Domains.Select(d => new Artifact(tenant.Name, Hello, Hello.PathOf(tenant.Name, d), $"{GreetingOf(tenant)} {d}\n", Domain: d))],
        Facts = [new GreetingFacts()],
    };

    private static readonly ConcernRegistry Registry = ConcernRegistry.Default.With(Demo);

    private GeneratedTree Tree(string domains, string greeting = "")
    {
        var policy = Path.Combine(_dir, "contoso.yaml");
        File.WriteAllText(policy, $"tenant: {{name: contoso}}\ndomains: [{domains}]\n{greeting}");
        var diagnostics = new DiagnosticBag();
        return Generator.Build([policy], null, diagnostics, Registry) ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Sorted()));
    }

    private string Out => Path.Combine(_dir, "out");

    [Fact]
    public void Its_files_are_written_with_their_kind_s_bytes_and_listed_in_the_manifest()
    {
        OutputFolder.Write(Out, Tree("contoso.com, contoso.de", "demo: {greeting: hi}\n"));

        Assert.Equal("hi contoso.com\r\n"u8.ToArray(), File.ReadAllBytes(Path.Combine(Out, "contoso", "hello", "contoso.com.txt")));
        var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, "manifest.json"))).RootElement;
        var hello = manifest.GetProperty("artifacts").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "hello").Select(a => a.GetProperty("path").GetString()).ToList();
        Assert.Equal(["contoso/hello/contoso.com.txt", "contoso/hello/contoso.de.txt"], hello);
        Assert.Equal("hi", manifest.GetProperty("tenants")[0].GetProperty("greeting").GetString());
    }

    [Fact]
    public void Git_attributes_and_the_guide_take_its_kind_and_number_its_step_after_the_registry_s_seven()
    {
        OutputFolder.Write(Out, Tree("contoso.com"));

        Assert.Contains("/hello/*.txt text eol=crlf\n", File.ReadAllText(Path.Combine(Out, "contoso", ".gitattributes")));
        Assert.Contains("| 8 | [hello/contoso.com.txt](hello/contoso.com.txt) | Greets contoso.com | Anywhere |", File.ReadAllText(Path.Combine(Out, "contoso", "README.md")));
        Assert.Contains("| 8 | [hello/contoso.com.txt](hello/contoso.com.txt) | Salue contoso.com | Partout |", File.ReadAllText(Path.Combine(Out, "contoso", "README.fr-FR.md")));
    }

    [Fact]
    public void Plan_reads_its_fact_back_from_the_manifest_and_says_the_change_in_its_words()
    {
        OutputFolder.Write(Out, Tree("contoso.com"));

        var plan = Planner.Compute(Out, Tree("contoso.com, contoso.de", "demo: {greeting: hi}\n"));

        var own = Assert.Single(plan.Changes, c => c.Area == PlanArea.Concern);
        Assert.Equal(("Greeting", "~ hello → hi", "greeting"), (own.AreaText, own.Text, own.AreaName));
        Assert.Contains(plan.Changes, c => c.Area == PlanArea.Files && c.Text == "+ hello/contoso.de.txt");
        Assert.Equal(PlanBaseline.Facts, plan.Baseline);
    }

    [Fact]
    public void Its_key_is_in_the_schema_init_and_import_with_its_help_and_default()
    {
        var commented = "# A throw-away concern of a test.\n# demo:\n#   greeting: hello             # What each file says.\n";
        Assert.Contains("\"demo\": {", PolicySchema.Text(Registry), StringComparison.Ordinal);
        Assert.Contains("\"description\": \"What each file says.\"", PolicySchema.Text(Registry), StringComparison.Ordinal);
        Assert.EndsWith(commented, PolicyFileTemplate.Render("p.yaml", "contoso", ["contoso.com"], "none", Registry), StringComparison.Ordinal);
        Assert.EndsWith(commented, ImportedPolicyWriter.Render("p.yaml", new ImportedPolicy("contoso", "--tenant", [], null, null, null, [], [], []), ["a.reg"], Registry), StringComparison.Ordinal);
        Assert.DoesNotContain("demo", PolicySchema.Text(), StringComparison.Ordinal);
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
