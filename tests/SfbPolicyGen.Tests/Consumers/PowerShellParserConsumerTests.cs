using System.Collections;
using System.Globalization;
using System.Management.Automation.Language;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Every generated .ps1 parsed by PowerShell's own parser (System.Management.Automation
/// 7.6.9, in-process) with zero errors; then the tables each script acts on, read back from the syntax
/// tree as PowerShell evaluates constants, must be exactly the model's.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class PowerShellParserConsumerTests
{
    public static readonly string[] ScriptKinds = ["ad-script", "client-cleanup-script", "diagnostics-script", "dns-script", "gpo-script", "tmg-server-script", "trust-append-script", "intune-detect-script", "intune-remediate-script"];

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Every_script_parses_with_zero_errors(string name)
    {
        var scripts = ScriptKinds.SelectMany(kind => ConsumerSuite.Artifacts(name, kind)).ToList();
        Assert.NotEmpty(scripts);
        Assert.Empty(scripts.SelectMany(s => PowerShellScript.Parse(s.FullPath).Errors));
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Tmg_rules_are_the_model(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var script in ConsumerSuite.Artifacts(name, "tmg-server-script"))
        {
            var rules = Hashtables(PowerShellScript.Parse(script.FullPath).Constant("rules")).Select(t => $"{t["Application"]} {t["Key"]}={t["Value"]}");
            var expected = tenants[script.Tenant].Proxy.Applications.SelectMany(app => new[]
            {
                string.Create(CultureInfo.InvariantCulture, $"{app.Name} Disable={app.Disable}"),
                string.Create(CultureInfo.InvariantCulture, $"{app.Name} DisableEx={app.DisableEx}"),
            });
            Assert.Equal(expected.Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Gpo_script_names_the_gpo_sets_the_merged_value_for_each_client_and_removes_the_others(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "gpo-script"))
        {
            var tenant = tenants[file.Tenant];
            var script = PowerShellScript.Parse(file.FullPath);
            Assert.Equal(tenant.Gpo.Name, script.Constant("gpoName"));
            var expected = tenant.TrustModelData.Clients.Select(c => $@"HKLM\{FormatFacts.PolicyKey(c.Id)} {FormatFacts.ValueName}={tenant.TrustModelData.RegistryValue}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, Hashtables(script.Constant("values")).Select(t => $"{t["Key"]} {t["ValueName"]}={t["Value"]}"));
            var others = FormatFacts.ClientIds.Except(tenant.TrustModelData.Clients.Select(c => c.Id)).Select(id => $@"HKLM\{FormatFacts.PolicyKey(id)} {FormatFacts.ValueName}").Order(StringComparer.Ordinal);
            Assert.Equal(others, Hashtables(script.Constant("removals")).Select(t => $"{t["Key"]} {t["ValueName"]}"));
        }
    }

    /// <summary>Each Intune pair acts on its folder's client key: a listed client's pair wants the model's
    /// value and removes the retired domains; a retired client's pair wants nothing, removes the tenant's
    /// own entries and deletes a value left with Microsoft's defaults.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Intune_pairs_act_on_their_client_key_with_the_model_names(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "intune-detect-script").Concat(ConsumerSuite.Artifacts(name, "intune-remediate-script")))
        {
            var tenant = tenants[file.Tenant];
            var clientId = Path.GetFileName(Path.GetDirectoryName(file.FullPath))!;
            var retired = tenant.Retired.Clients.Any(c => c.Id == clientId);
            Assert.True(retired || tenant.TrustModelData.Clients.Any(c => c.Id == clientId), $"{file.FullPath}: {clientId} is neither listed nor retired");
            var script = PowerShellScript.Parse(file.FullPath);
            Assert.Equal(@"HKLM:\" + FormatFacts.PolicyKey(clientId), script.Constant("key"));
            Assert.Equal(retired ? [] : tenant.TrustModelData.Value, Strings(script.Constant("wanted")));
            Assert.Equal(retired ? tenant.Domains.Concat(tenant.TrustModelData.Add).Concat(tenant.Retired.Domains).Distinct(StringComparer.Ordinal) : tenant.Retired.Domains, Strings(script.Constant("remove")));
            Assert.Equal(retired ? FormatFacts.MicrosoftDefaults : null, script.Constant("deleteIfOnly") is null ? null : Strings(script.Constant("deleteIfOnly")));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Appender_acts_on_the_model_keys_and_names(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "trust-append-script"))
        {
            var tenant = tenants[file.Tenant];
            var script = PowerShellScript.Parse(file.FullPath);
            IEnumerable<string> Keys(IEnumerable<TrustClient> clients) => clients.Select(c => @"HKLM:\" + FormatFacts.PolicyKey(c.Id)).Order(StringComparer.Ordinal);
            Assert.Equal(Keys(tenant.TrustModelData.Clients), Strings(script.Constant("keys")));
            Assert.Equal(tenant.TrustModelData.Value, Strings(script.Constant("wanted")));
            Assert.Equal(tenant.Retired.Domains, Strings(script.Constant("retiredDomains")));
            Assert.Equal(Keys(tenant.Retired.Clients), Strings(script.Constant("retiredKeys")));
            Assert.Equal(tenant.Domains.Concat(tenant.TrustModelData.Add).Concat(tenant.Retired.Domains).Distinct(StringComparer.Ordinal), Strings(script.Constant("tenantEntries")));
            Assert.Equal(FormatFacts.MicrosoftDefaults, Strings(script.Constant("microsoftDefaults")));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Dns_server_script_wants_every_record_of_every_domain_and_owns_a_retired_domain_s_microsoft_records(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "dns-script"))
        {
            var tenant = tenants[file.Tenant];
            var rules = ((System.Collections.Hashtable)PowerShellScript.Parse(file.FullPath).Constant("rules")!).Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (System.Collections.Hashtable)e.Value!, StringComparer.Ordinal);

            // No case uses dns.manage or dns.keep: a domain owns only its wanted records, a retired one
            // every Microsoft record at the tool's names.
            var expected = tenant.Domains.SelectMany(d => tenant.Dns.Records.Select(r => $"{d}|{r.Name} wanted {FormatFacts.RecordLine(r, d)} owned [] kept False"))
                .Concat(tenant.Retired.Domains.SelectMany(d => FormatFacts.SkypeRecordNames.Select(n =>
                    $"{d}|{n} wanted none owned [{string.Join(", ", FormatFacts.MicrosoftRecords.Where(m => m.StartsWith(n + " ", StringComparison.Ordinal)).Select(m => m[(n.Length + 1)..]).Order(StringComparer.Ordinal))}] kept False")));
            var actual = rules.Select(r =>
            {
                var wanted = r.Value["Wanted"] is System.Collections.Hashtable w
                    ? $"{r.Key.Split('|')[1]}.{r.Key.Split('|')[0]}. {w["Ttl"]} IN {w["Type"]} " + ((string)w["Type"]! == "SRV" ? $"{w["Priority"]} {w["Weight"]} {w["Port"]} {w["Target"]}" : $"{w["Target"]}")
                    : "none";
                return $"{r.Key} wanted {wanted} owned [{string.Join(", ", Strings(r.Value["Owned"]).Order(StringComparer.Ordinal))}] kept {r.Value["Kept"]}";
            });
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Dns_server_script_looks_after_every_domain_and_retired_domain_at_the_skype_names(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "dns-script"))
        {
            var tenant = tenants[file.Tenant];
            var script = PowerShellScript.Parse(file.FullPath);
            var zones = tenant.Domains.Order(StringComparer.Ordinal).Select(d => $"{d} False").Concat(tenant.Retired.Domains.Order(StringComparer.Ordinal).Select(d => $"{d} True"));
            Assert.Equal(zones, Hashtables(script.Constant("zones")).Select(t => $"{t["Zone"]} {t["Retired"]}"));
            Assert.Equal(FormatFacts.SkypeRecordNames, Strings(script.Constant("names")));
            Assert.Equal(FormatFacts.MicrosoftTargets, Strings(script.Constant("microsoftTargets")));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Ad_script_looks_up_exactly_the_model_users_and_search(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "ad-script"))
        {
            var directory = tenants[file.Tenant].ActiveDirectory!;
            var script = PowerShellScript.Parse(file.FullPath);
            var expected = directory.Users.Select(u => $"{(u.Kind == DirectoryUserKind.UserPrincipalName ? "UserPrincipalName" : "Identity")} {u.Value}");
            Assert.Equal(expected, Hashtables(script.Constant("users")).Select(t => $"{t["By"]} {t["Value"]}"));
            Assert.Equal(directory.SearchBase, script.Constant("searchBase"));
            Assert.Equal(directory.Filter, script.Constant("ldapFilter"));
        }
    }

    /// <summary>The clean-up script deletes only inside the script blocks it hands to Remove-Found, and
    /// Remove-Found returns before running them unless -Apply: so without -Apply nothing is deleted.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Client_cleanup_deletes_nothing_without_apply(string name)
    {
        foreach (var file in ConsumerSuite.Artifacts(name, "client-cleanup-script"))
        {
            var ast = PowerShellScript.Parse(file.FullPath).Ast;
            var apply = Assert.Single(ast.ParamBlock.Parameters, p => p.Name.VariablePath.UserPath == "Apply");
            Assert.Equal(typeof(System.Management.Automation.SwitchParameter), apply.StaticType);

            var deletions = ast.FindAll(a => a is CommandAst c && ((c.GetCommandName() is "Remove-Item" || (c.GetCommandName() is "cmdkey.exe" && c.CommandElements.Any(e => e.Extent.Text.Contains("/delete:", StringComparison.Ordinal))))), true).ToList();
            Assert.Equal(3, deletions.Count);
            foreach (var deletion in deletions)
            {
                var block = deletion.Parent;
                while (block is not null and not ScriptBlockExpressionAst)
                {
                    block = block.Parent;
                }

                Assert.True(block?.Parent is CommandAst { } call && call.GetCommandName() == "Remove-Found", $"{deletion.Extent.Text} runs outside Remove-Found");
            }

            var removeFound = (FunctionDefinitionAst)ast.Find(a => a is FunctionDefinitionAst { Name: "Remove-Found" }, false)!;
            var first = (IfStatementAst)removeFound.Body.EndBlock.Statements[0];
            Assert.Equal("-not $Apply", first.Clauses[0].Item1.Extent.Text);
            Assert.IsType<ReturnStatementAst>(first.Clauses[0].Item2.Statements[^1]);
        }
    }

    [Fact]
    public void Parser_reports_a_broken_script()
    {
        Parser.ParseInput("$rules = @(\n    @{ Application = 'msoidsvc'; Key = 'Disable'; Value = '0' \n)", out _, out var errors);
        Assert.NotEmpty(errors);
    }

    private static IEnumerable<Hashtable> Hashtables(object? value) => ((object[])value!).Cast<Hashtable>();

    private static IEnumerable<string> Strings(object? value) => ((object[])value!).Cast<string>();
}
