using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>registry/Add-TrustModelData.ps1: its merge function, taken from the generated script, runs
/// in real PowerShell (System.Management.Automation, in-process) over the same cases as the C# merge
/// (TrustListMerger.AppendMissing), with identical results; over each golden case, a machine whose
/// value is the declared existing list ends with exactly the model's value, and a machine that
/// already has it gets nothing added.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TrustAppendScriptTests
{
    private static readonly string[] Wanted = ["lync.com", "outlook.com", "contoso.com", "contoso.fr"];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("contoso.com")]
    [InlineData("LYNC.com,Contoso.COM")]
    [InlineData(" partner.example , ,lync.com,")]
    [InlineData("partner.example,partner.example,b.example,a.example")]
    [InlineData("lync.com,outlook.com,contoso.com,contoso.fr")]
    [InlineData(",,,")]
    public void Powershell_merge_equals_the_csharp_merge(string? current)
    {
        var script = PowerShellScript.Parse(ConsumerSuite.Artifacts(GoldenCases.Sample, "trust-append-script").Single().FullPath);
        var expected = TrustListMerger.AppendMissing(TrustListMerger.Entries(current), Wanted);
        var added = expected.Skip(TrustListMerger.Entries(current).Length);

        var (value, addedByPowerShell) = Merge(script, current, Wanted);

        Assert.Equal(string.Join(',', expected), value);
        Assert.Equal(added, addedByPowerShell);
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
            Assert.Equal(trust.Clients.Select(c => @"HKLM:\" + c.PolicyKey).Order(StringComparer.Ordinal), ((object[])script.Constant("keys")!).Cast<string>());
            var wanted = ((object[])script.Constant("wanted")!).Cast<string>().ToArray();

            Assert.Equal(trust.RegistryValue, Merge(script, string.Join(',', trust.Existing), wanted).Value);
            Assert.Empty(Merge(script, trust.RegistryValue, wanted).Added);
            Assert.Equal(trust.Value.Except(trust.Existing), Merge(script, string.Join(',', trust.Existing), wanted).Added);
        }
    }

    private static (string Value, IReadOnlyList<string> Added) Merge(PowerShellScript script, string? current, IReadOnlyList<string> wanted)
    {
        var call = $"{script.Function("Merge-TrustModelData")}\n$r = Merge-TrustModelData -Current {(current is null ? "$null" : PowerShellText.SingleQuoted(current))} -Wanted @({string.Join(',', wanted.Select(PowerShellText.SingleQuoted))})\n$r.Value\n,$r.Added";
        var output = PowerShellScript.Run(call);
        Assert.Equal(2, output.Count);
        return ((string)output[0]!, [.. ((object[])output[1]!).Cast<string>()]);
    }
}
