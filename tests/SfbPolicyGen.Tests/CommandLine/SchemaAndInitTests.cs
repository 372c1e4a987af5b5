using SfbPolicyGen.Cli;
using SfbPolicyGen.Schema;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>The JSON Schema (JsonSchema.Net as the validator) and init.</summary>
public sealed class SchemaAndInitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-init-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_committed_schema_is_what_schema_prints()
    {
        var run = CliRunner.Run("schema");
        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "policies.schema.json")), run.Stdout);
    }

    /// <summary>The valid cases' inputs, the sample, and the policy files the import cases write.</summary>
    public static TheoryData<string> ValidInputs =>
    [
        .. GoldenCases.All.Where(GoldenCases.IsValid).SelectMany(GoldenCases.Inputs),
        Path.Combine(RepoPaths.Root, "policies.yaml"),
        .. GoldenCases.All.Where(GoldenCases.IsImport).Select(c => Path.Combine(GoldenCases.Dir(c), "expected.yaml")).Where(File.Exists),
    ];

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Every_valid_input_validates(string path) => Assert.True(PolicySchemaCheck.IsValid(path), $"{path} fails the schema");

    /// <summary>Bad inputs of the schema's kind: wrong keys, types, choices and patterns (not those only
    /// the loader can see, like punycode or a DN's escapes).</summary>
    [Theory]
    [InlineData("tenant: {name: t}\n")]
    [InlineData("tenant: {name: t, displayNme: x}\ndomains: [t.example]\n")]
    [InlineData("tenant: {name: T}\ndomains: [t.example]\n")]
    [InlineData("tenant: {name: t}\ndomains: t.example\n")]
    [InlineData("tenant: {name: t}\ndomains: []\n")]
    [InlineData("tenant: {name: t}\ndomains:\n  -\n")]
    [InlineData("tenant: {name: t}\ndomains: [~]\n")]
    [InlineData("tenant: {name: t}\ndomains: [null, t.example]\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ntrustModelData: {clients: [~]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ntrustModelData: {existing: [~]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {keep: [~]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nactiveDirectory: {users: [~]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nactiveDirectory: {users: []}\n")]
    [InlineData("tenant: {name: t}\ndomains: [localhost]\n")]
    [InlineData("tenant: {name: t}\ndomains: [192.168.1.10]\n")]
    [InlineData("tenant: {name: t}\ndomains: [\"2001:db8::1\"]\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {sipTarget: \"https://sipdir.online.lync.com/\"}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ntrustModelData: {clients: [skype2017]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ntrustModelData: {keepMicrosoftDefaults: yes}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nproxy: {kind: squid}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nproxy: {kind: tmg, applications: [{name: msoidsvc, disable: 2}]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 1h}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {ttl: 0}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\ndns: {profile: skype-onlin}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nadmx: {namespace: Microsoft.Policies.Lync}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nadmx: {languages: [en-us]}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nactiveDirectory: {}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nactiveDirectory: {searchBase: \"OU=x,DC=t\", filter: objectClass=user}\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nclientCleanup: maybe\n")]
    [InlineData("tenant: {name: t}\ndomains: [t.example]\nextra: 1\n")]
    public void Bad_inputs_of_the_schemas_kind_fail_it_and_the_loader(string yaml)
    {
        var path = Path.Combine(_dir, "p.yaml");
        File.WriteAllText(path, yaml);
        Assert.False(PolicySchemaCheck.IsValid(path), "the schema accepts it");
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("validate", path).Code);
    }

    [Fact]
    public void Init_writes_a_commented_file_that_validates_and_generates()
    {
        var path = Path.Combine(_dir, "policies.yaml");
        var run = CliRunner.Run("init", path, "--tenant", "fabrikam", "--domain", "Fabrikam.com", "--domain", "bücher.example", "--proxy", "tmg");
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.StartsWith("# yaml-language-server: $schema=policies.schema.json\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(PolicySchema.Text(), File.ReadAllText(Path.Combine(_dir, "policies.schema.json")));
        Assert.True(PolicySchemaCheck.IsValid(path));
        var validate = CliRunner.Run("validate", path);
        Assert.Equal(("1 policy file(s) valid: fabrikam.\n", ""), (validate.Stdout, validate.Stderr));
        var tenant = Assert.Single(Generator.LoadAll([path], new SfbPolicyGen.Diagnostics.DiagnosticBag()).Tenants);
        Assert.Equal<string>(["fabrikam.com", "xn--bcher-kva.example"], tenant.Domains);
        Assert.Equal(SfbPolicyGen.Model.ProxyKind.Tmg, tenant.Proxy.Kind);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", path, "--out", Path.Combine(_dir, "out")).Code);
    }

    [Fact]
    public void Init_makes_the_folders_keeps_an_idn_as_typed_names_the_tenant_readably_and_its_file_in_the_run_line()
    {
        var path = Path.Combine(_dir, "tenants", "emea", "bucher.yaml");
        var run = CliRunner.Run("init", path, "--domain", "Bücher.example");
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        var text = File.ReadAllText(path);
        Assert.Contains($"# SfbPolicyGen policy file: run `sfbpolicygen generate {path}` to write out/bucher/.\n", text, StringComparison.Ordinal);
        Assert.Contains("  name: bucher ", text, StringComparison.Ordinal);
        Assert.Contains("\n  - Bücher.example\n", text, StringComparison.Ordinal);
        var tenant = Assert.Single(Generator.LoadAll([path], new SfbPolicyGen.Diagnostics.DiagnosticBag()).Tenants);
        Assert.Equal<string>(["xn--bcher-kva.example"], tenant.Domains);
        Assert.Equal($"wrote {path} (tenant bucher, 1 domain(s), proxy none) and policies.schema.json.\nnext: edit it, then run 'sfbpolicygen generate {path}'.\n", run.Stdout);
    }

    [Fact]
    public void Init_accepts_the_same_schema_beside_it_but_not_another_one()
    {
        var tenants = Directory.CreateDirectory(Path.Combine(_dir, "tenants")).FullName;
        Assert.Equal(ExitCodes.Success, CliRunner.Run("init", Path.Combine(tenants, "alpha.yaml"), "--domain", "alpha.example").Code);
        var second = CliRunner.Run("init", Path.Combine(tenants, "beta.yaml"), "--domain", "beta.example");
        Assert.True(second.Code == ExitCodes.Success, second.ToString());

        File.WriteAllText(Path.Combine(tenants, "policies.schema.json"), "{}");
        var third = CliRunner.Run("init", Path.Combine(tenants, "gamma.yaml"), "--domain", "gamma.example");
        Assert.Equal(ExitCodes.InvalidInput, third.Code);
        Assert.Contains("policies.schema.json exists and is not this version's schema; add --force to overwrite it", third.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(tenants, "gamma.yaml")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(tenants, "policies.schema.json")));
    }

    [Theory]
    [InlineData("東京.jp", "xn--1lqs71d")]
    [InlineData("xn--bcher-kva.example", "bucher")]
    [InlineData("Contoso-EU.com", "contoso-eu")]
    public void The_tenant_init_proposes_is_readable_where_it_can_be(string domain, string tenant) =>
        Assert.Equal(tenant, SfbPolicyGen.Schema.PolicyFileTemplate.TenantFor(SfbPolicyGen.Model.DomainName.Normalize(domain, out _)!));

    [Fact]
    public void Init_refuses_to_overwrite_without_force()
    {
        var path = Path.Combine(_dir, "policies.yaml");
        File.WriteAllText(path, "mine");
        var refused = CliRunner.Run("init", path);
        Assert.Equal(ExitCodes.InvalidInput, refused.Code);
        Assert.Contains("exists; add --force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("init", path, "--force").Code);
        Assert.Contains("name: contoso", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tenant", "Not_Valid")]
    [InlineData("--domain", "not a domain")]
    [InlineData("--proxy", "squid")]
    public void Init_refuses_bad_values_and_writes_nothing(string option, string value)
    {
        var path = Path.Combine(_dir, "policies.yaml");
        Assert.Equal(ExitCodes.InvalidInput, CliRunner.Run("init", path, option, value).Code);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("192.168.1.10", "--domain '192.168.1.10' is not a valid domain name: it is an IP address, not a domain name")]
    [InlineData("https://Fabrikam.com/", "--domain 'https://Fabrikam.com/' is not a valid domain name: give the host name only: fabrikam.com")]
    public void Init_refuses_an_address_or_a_url_for_a_domain(string domain, string message)
    {
        var path = Path.Combine(_dir, "policies.yaml");
        var run = CliRunner.Run("init", path, "--domain", domain);
        Assert.Equal((ExitCodes.InvalidInput, $"sfbpolicygen: error SFB080: {message}\n"), (run.Code, run.Stderr));
        Assert.False(File.Exists(path));
    }
}
