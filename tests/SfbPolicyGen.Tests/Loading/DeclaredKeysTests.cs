using System.Text;
using System.Text.Json.Nodes;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Import;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>A key is declared once (<see cref="PolicyKey"/>): a throw-away concern of this assembly,
/// one root section with one key, reaches the loader, the model, the schema, init and import without
/// any other file knowing it.</summary>
public sealed class DeclaredKeysTests : IDisposable
{
    private const string Minimal = "tenant: {name: t}\ndomains: [t.example]\n";

    private static readonly PolicyKey Greeting = new("greeting", TextType.Free(40), "What the demo says.") { Default = "hello" };

    private static readonly ConcernRegistry WithDemo = ConcernRegistry.Default.With(
        new Concern("demo") { Keys = [PolicyKey.Section("demo", "A throw-away concern of a test.", [Greeting])] });

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (TenantPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics) Load(string yaml, ConcernRegistry? concerns)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(yaml), bag, concerns);
        return (policy, bag.Sorted());
    }

    [Fact]
    public void Without_its_concern_the_key_is_unknown()
    {
        var (policy, diagnostics) = Load(Minimal + "demo: {greeting: hi}\n", concerns: null);
        Assert.Null(policy);
        Assert.Equal(
            "p.yaml(3,1): error SFB010: unknown key 'demo' at the top level (known keys: tenant, domains, trustModelData, proxy, dns, admx, gpo, activeDirectory, clientCleanup, retired, safety, adfs, time, diagnostics)",
            Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void The_loader_accepts_the_key_and_its_value_reaches_the_model()
    {
        var (policy, diagnostics) = Load(Minimal + "demo: {greeting: \" hi there \"}\n", WithDemo);
        Assert.Empty(diagnostics);
        Assert.Equal("hi there", policy!.Settings.Text("demo.greeting"));
        Assert.Equal(["demo.greeting"], policy.Settings.Values.Keys);
        Assert.Empty(Load(Minimal, WithDemo).Policy!.Settings.Values);
    }

    [Fact]
    public void Each_type_reaches_the_model_as_its_own_value()
    {
        var concerns = ConcernRegistry.Default.With(new Concern("extra")
        {
            Keys =
            [
                new PolicyKey("flag", BoolType.Instance, "A switch."),
                new PolicyKey("count", new IntegerType(1, 9, "a count"), "A number."),
                new PolicyKey("names", new ListType(new TextType(1, 10), MinItems: 1), "Names."),
            ],
        });
        var (policy, diagnostics) = Load(Minimal + "flag: true\ncount: 3\nnames: [a, b]\n", concerns);
        Assert.Empty(diagnostics);
        Assert.Equal((true, 3, "a,b"), (policy!.Settings.Bool("flag"), policy.Settings.Number("count"), string.Join(',', policy.Settings.List("names")!.Value)));
        Assert.Equal(
            ["p.yaml(4,8): error SFB024: 'count' must be a whole number from 1 to 9 (a count, no unit), found '10'", "p.yaml(5,12): error SFB016: 'a' is listed twice in 'names' (first at line 5)"],
            Load(Minimal + "flag: true\ncount: 10\nnames: [a, a]\n", concerns).Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Generate_loads_it_through_the_registry_it_is_given()
    {
        var file = Path.Combine(_dir, "t.yaml");
        File.WriteAllText(file, Minimal + "demo: {greeting: hi}\n");
        var tenant = Assert.Single(Generator.LoadAll([file], new DiagnosticBag(), WithDemo).Tenants);
        Assert.Equal("hi", tenant.Settings.Text("demo.greeting"));
    }

    [Theory]
    [InlineData("demo: {greting: hi}\n", "p.yaml(3,8): error SFB010: unknown key 'greting' in 'demo'; did you mean 'greeting'? (known keys: greeting)")]
    [InlineData("demo: {greeting: [hi]}\n", "p.yaml(3,18): error SFB012: 'demo.greeting' must be a value, found a list")]
    [InlineData("demo: hi\n", "p.yaml(3,7): error SFB012: 'demo' must be a mapping, found a scalar")]
    public void A_wrong_key_or_value_is_reported_at_its_place_as_any_other(string yaml, string expected)
    {
        var (policy, diagnostics) = Load(Minimal + yaml, WithDemo);
        Assert.Null(policy);
        Assert.Equal(expected, Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void The_schema_lists_it_last()
    {
        var properties = JsonNode.Parse(PolicySchema.Text(WithDemo))!["properties"]!.AsObject();
        Assert.Equal("demo", properties.Last().Key);
        Assert.Equal(
            """{"type":"object","additionalProperties":false,"properties":{"greeting":{"type":"string","minLength":1,"maxLength":40,"description":"What the demo says."}},"description":"A throw-away concern of a test."}""",
            properties["demo"]!.ToJsonString());
    }

    [Fact]
    public void Init_shows_it_commented_out_with_its_help_and_default()
    {
        var text = PolicyFileTemplate.Render("p.yaml", "t", ["t.example"], "none", WithDemo);
        Assert.EndsWith(
            "many\n# diagnostics: false            # true writes the client diagnostics collection script (reads only)\n# A throw-away concern of a test.\n# demo:\n#   greeting: hello             # What the demo says.\n",
            text,
            StringComparison.Ordinal);
        Assert.Equal(PolicyFileTemplate.Render("p.yaml", "t", ["t.example"], "none"), text.Replace("# A throw-away concern of a test.\n# demo:\n#   greeting: hello             # What the demo says.\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_writes_it_as_init_does()
    {
        var policy = new ImportedPolicy("t", "--tenant", [], null, null, null, [], [], []);
        var text = ImportedPolicyWriter.Render("p.yaml", policy, ["a.reg"], WithDemo);
        Assert.EndsWith(
            "  languages: [en-US, fr-FR]\n\n# diagnostics: false            # true writes the client diagnostics collection script (reads only)\n# A throw-away concern of a test.\n# demo:\n#   greeting: hello             # What the demo says.\n",
            text,
            StringComparison.Ordinal);
    }
}
