using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>registry/Add-TrustModelData.ps1: its merge function, taken from the generated script, runs
/// in real PowerShell (System.Management.Automation, in-process) over cases whose results are written
/// here by hand from the README's rule (the C# merge, TrustListMerger.AppendMissing, must give the same);
/// over each golden case, a machine whose value is the declared existing list ends with exactly the
/// model's value, and a machine that already has it gets nothing added.</summary>
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
        var script = PowerShellScript.Parse(ConsumerSuite.Artifacts(GoldenCases.Sample, "trust-append-script").Single().FullPath);

        var (valueByPowerShell, addedByPowerShell) = Merge(script, current, Wanted);

        Assert.Equal(value, valueByPowerShell);
        Assert.Equal(added.Split(',', StringSplitOptions.RemoveEmptyEntries), addedByPowerShell);
        Assert.Equal(value, string.Join(',', TrustListMerger.AppendMissing(TrustListMerger.Entries(current), Wanted)));
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
            Assert.Equal(trust.Clients.Select(c => @"HKLM:\" + FormatFacts.PolicyKey(c.Id)).Order(StringComparer.Ordinal), ((object[])script.Constant("keys")!).Cast<string>());
            var wanted = ((object[])script.Constant("wanted")!).Cast<string>().ToArray();

            Assert.Equal(trust.RegistryValue, Merge(script, string.Join(',', trust.Existing), wanted).Value);
            Assert.Empty(Merge(script, trust.RegistryValue, wanted).Added);
            Assert.Equal(trust.Value.Except(trust.Existing), Merge(script, string.Join(',', trust.Existing), wanted).Added);
        }
    }

    private static (string Value, string[] Added) Merge(PowerShellScript script, string? current, IReadOnlyList<string> wanted)
    {
        var call = $"{script.Function("Merge-TrustModelData")}\n$r = Merge-TrustModelData -Current {(current is null ? "$null" : PowerShellScript.Quote(current))} -Wanted @({string.Join(',', wanted.Select(PowerShellScript.Quote))})\n$r.Value\n,$r.Added";
        var output = PowerShellScript.Run(call);
        Assert.Equal(2, output.Count);
        return ((string)output[0]!, [.. ((object[])output[1]!).Cast<string>()]);
    }
}
