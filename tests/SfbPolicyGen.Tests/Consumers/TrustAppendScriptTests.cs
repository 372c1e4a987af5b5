using System.Collections;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>registry/Add-TrustModelData.ps1: its merge function, taken from the generated script, runs
/// in real PowerShell (System.Management.Automation, in-process) over cases whose results are written
/// here by hand from the README's rule (the C# merge, TrustListMerger.AppendMissing, must give the same
/// where it applies); over each golden case, a machine whose value is the declared existing list ends
/// with exactly the model's value, and a machine that already has it gets nothing added. The script must
/// run on Windows PowerShell 2.0: no construct of a later version may appear in it.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TrustAppendScriptTests
{
    private static readonly string[] Wanted = ["lync.com", "outlook.com", "contoso.com", "contoso.fr"];

    /// <summary>The rule: the machine's entries as they are and in their order (blanks around them and
    /// empty entries dropped), then each wanted name not there yet, compared without case.</summary>
    [Theory]
    [InlineData(null, "lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr")]
    [InlineData("", "lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr")]
    [InlineData("contoso.com", "contoso.com,lync.com,outlook.com,contoso.fr", "lync.com,outlook.com,contoso.fr")]
    [InlineData("LYNC.com,Contoso.COM", "LYNC.com,Contoso.COM,outlook.com,contoso.fr", "outlook.com,contoso.fr")]
    [InlineData(" partner.example , ,lync.com,", "partner.example,lync.com,outlook.com,contoso.com,contoso.fr", "outlook.com,contoso.com,contoso.fr")]
    [InlineData("partner.example,partner.example,b.example,a.example", "partner.example,partner.example,b.example,a.example,lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr")]
    [InlineData("lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr", "")]
    [InlineData(",,,", "lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr")]
    public void Powershell_and_csharp_merges_append_what_is_missing_and_keep_the_rest(string? current, string value, string added)
    {
        var merge = Merge(SampleScript(), current, wanted: Wanted);

        Assert.Equal(value, merge.Value);
        Assert.Equal(Names(added), merge.Added);
        Assert.Empty(merge.Removed);
        Assert.Equal(value, string.Join(',', TrustListMerger.AppendMissing(TrustListMerger.Entries(current), Wanted)));
    }

    /// <summary>A listed client's key: every retired domain goes, any case; the other entries stay in
    /// their order (repeats too); then what is missing is appended.</summary>
    [Theory]
    [InlineData("lync.com,OLD.example,contoso.com,partner.example", "lync.com,contoso.com,partner.example,outlook.com,contoso.fr", "outlook.com,contoso.fr", "OLD.example")]
    [InlineData("old.example", "lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr", "old.example")]
    [InlineData("a.example,old.example,a.example,Gone.Example", "a.example,a.example,lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr", "old.example,Gone.Example")]
    [InlineData("lync.com,outlook.com,contoso.com,contoso.fr,old.example", "lync.com,outlook.com,contoso.com,contoso.fr", "", "old.example")]
    [InlineData("lync.com,outlook.com,contoso.com,contoso.fr", "lync.com,outlook.com,contoso.com,contoso.fr", "", "")]
    public void A_listed_client_loses_the_retired_domains_and_gains_the_missing_ones(string current, string value, string added, string removed)
    {
        var merge = Merge(SampleScript(), current, wanted: Wanted, remove: ["old.example", "gone.example"]);

        Assert.Equal(value, merge.Value);
        Assert.Equal(Names(added), merge.Added);
        Assert.Equal(Names(removed), merge.Removed);
    }

    /// <summary>A retired client's key: only the tenant's entries (domains, add, retired domains) go, any
    /// case; existing entries, Microsoft's defaults and partners' entries stay. A value left with
    /// Microsoft's defaults only, or nothing, goes itself (null).</summary>
    [Theory]
    [InlineData("legacy.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com,CONTOSO.fr,partner.example", "legacy.example,lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,partner.example", "contoso.com,CONTOSO.fr")]
    [InlineData("partner.example,old.example", "partner.example", "old.example")]
    [InlineData("partner.example", "partner.example", "")]
    [InlineData("lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,contoso.com", null, "contoso.com")]
    [InlineData("contoso.com,contoso.fr", null, "contoso.com,contoso.fr")]
    [InlineData("LYNC.COM", null, "")]
    [InlineData(" , ", null, "")]
    public void A_retired_client_loses_only_the_tenant_entries_and_a_value_left_with_defaults_goes(string current, string? value, string removed)
    {
        var merge = Merge(SampleScript(), current, remove: ["contoso.com", "contoso.fr", "old.example"], deleteIfOnly: FormatFacts.MicrosoftDefaults);

        Assert.Equal(value, merge.Value);
        Assert.Empty(merge.Added);
        Assert.Equal(Names(removed), merge.Removed);
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Each_golden_script_appends_up_to_the_model_value_and_then_adds_nothing(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var file in ConsumerSuite.Artifacts(name, "trust-append-script"))
        {
            var trust = tenants[file.Tenant].TrustModelData;
            var script = PowerShellScript.Parse(file.FullPath);
            var wanted = ((object[])script.Constant("wanted")!).Cast<string>().ToArray();

            Assert.Equal(trust.RegistryValue, Merge(script, string.Join(',', trust.Existing), wanted).Value);
            Assert.Empty(Merge(script, trust.RegistryValue, wanted).Added);
            Assert.Equal(trust.Value.Except(trust.Existing), Merge(script, string.Join(',', trust.Existing), wanted).Added);
        }
    }

    /// <summary>Lync 2010 computers may run Windows 7's PowerShell 2.0: the appender declares it and uses
    /// nothing a later version added.</summary>
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Each_golden_script_runs_on_powershell_2(string name)
    {
        foreach (var file in ConsumerSuite.Artifacts(name, "trust-append-script"))
        {
            var script = PowerShellScript.Parse(file.FullPath);
            Assert.Equal(new Version(2, 0), script.Ast.ScriptRequirements.RequiredPSVersion);
            Assert.Empty(PowerShellScript.NewerThanVersion2(script.Ast));
        }
    }

    [Theory]
    [InlineData("$s = [System.Collections.Generic.List[string]]::new()", "::new()")]
    [InlineData("$o = [ordered]@{ a = 1 }", "[ordered]")]
    [InlineData("$o = [pscustomobject]@{ a = 1 }", "[pscustomobject]")]
    [InlineData("if ('a' -in $list) { }", "-in")]
    [InlineData("$list | ForEach-Object { $PSItem }", "$PSItem")]
    [InlineData("Get-ChildItem -Path . -Directory", "-Directory")]
    [InlineData("Get-Item x -ErrorAction Ignore", "-ErrorAction Ignore")]
    [InlineData("$list | ForEach-Object -MemberName Trim", "ForEach-Object -MemberName")]
    [InlineData("$list | Where-Object Length -gt 1", "Where-Object without a script block")]
    [InlineData("$h = New-Object 'System.Collections.Generic.HashSet[string]'", "HashSet")]
    [InlineData("class C { }", "class")]
    public void The_version_2_check_finds_what_powershell_2_lacks(string text, string construct)
    {
        var ast = System.Management.Automation.Language.Parser.ParseInput(text, out _, out var errors);
        Assert.Empty(errors);
        Assert.Contains(PowerShellScript.NewerThanVersion2(ast), found => found.Contains(construct, StringComparison.Ordinal));
    }

    private static PowerShellScript SampleScript() => PowerShellScript.Parse(ConsumerSuite.Artifacts(GoldenCases.Sample, "trust-append-script").Single().FullPath);

    private static string[] Names(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static (string? Value, string[] Added, string[] Removed) Merge(PowerShellScript script, string? current, IReadOnlyList<string>? wanted = null, IReadOnlyList<string>? remove = null, IReadOnlyList<string>? deleteIfOnly = null)
    {
        static string Array(IReadOnlyList<string> names) => $"@({string.Join(',', names.Select(PowerShellScript.Quote))})";
        var call = $"{script.Function("Merge-TrustModelData")}\nMerge-TrustModelData -Current {(current is null ? "$null" : PowerShellScript.Quote(current))}"
            + (wanted is null ? "" : $" -Wanted {Array(wanted)}")
            + (remove is null ? "" : $" -Remove {Array(remove)}")
            + (deleteIfOnly is null ? "" : $" -DeleteIfOnly {Array(deleteIfOnly)}");
        var result = (Hashtable)Assert.Single(PowerShellScript.Run(call))!;
        return ((string?)result["Value"], [.. ((object[])result["Added"]!).Cast<string>()], [.. ((object[])result["Removed"]!).Cast<string>()]);
    }
}
