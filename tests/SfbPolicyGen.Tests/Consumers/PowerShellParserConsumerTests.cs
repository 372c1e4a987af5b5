using System.Collections;
using System.Globalization;
using System.Management.Automation.Language;
using SfbPolicyGen.Tests.Golden;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Every generated .ps1 parsed by PowerShell's own parser (System.Management.Automation
/// 7.6.9, in-process) with zero errors; the TMG script's rule table, read back from the syntax tree as
/// constant hashtables, must be exactly the model's applications and values.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class PowerShellParserConsumerTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Every_script_parses_and_the_tmg_rules_are_the_model(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var script in ConsumerSuite.Artifacts(name, "tmg-server-script"))
        {
            var ast = Parser.ParseFile(script.FullPath, out _, out var errors);
            Assert.Empty(errors.Select(e => $"{script.FullPath}({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.Message}"));

            var rules = ast.FindAll(node => node is HashtableAst, searchNestedScriptBlocks: true)
                .Cast<HashtableAst>()
                .Select(table => (Hashtable)table.SafeGetValue())
                .Select(table => $"{table["Application"]} {table["Key"]}={table["Value"]}");
            var expected = tenants[script.Tenant].Proxy.Applications.SelectMany(app => new[]
            {
                string.Create(CultureInfo.InvariantCulture, $"{app.Name} Disable={app.Disable}"),
                string.Create(CultureInfo.InvariantCulture, $"{app.Name} DisableEx={app.DisableEx}"),
            });
            Assert.Equal(expected.Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Parser_reports_a_broken_script()
    {
        Parser.ParseInput("$rules = @(\n    @{ Application = 'msoidsvc'; Key = 'Disable'; Value = '0' \n)", out _, out var errors);
        Assert.NotEmpty(errors);
    }
}
