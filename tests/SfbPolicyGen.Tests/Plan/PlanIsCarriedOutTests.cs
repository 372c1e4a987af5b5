using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Plan;

/// <summary>What plan shows is exactly what the artifacts do (issue 11): a policy retires a client and a
/// domain, drops another client and domain without retiring them, and moves from skype-online to
/// teams-only. Its plan is read as JSON; then the GPO, appender and DNS Server scripts of the old policy
/// and of the new one run for real against the Windows stand-ins, and every plan line is checked against
/// the state they leave: each addition and removal happened, each retirement took its domain or client
/// away, and what is left in place is still there.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class PlanIsCarriedOutTests : IDisposable
{
    private const string Old = """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.fr, contoso.de]
        trustModelData:
          clients: [communicator, lync2013, skype2016]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example]
        dns: {profile: skype-online, lyncdiscover: true}
        """;

    /// <summary>skype2016 and contoso.fr retired; lync2013 and contoso.de dropped without being retired.</summary>
    private const string New = """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData:
          clients: [communicator]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example]
        dns: {profile: teams-only}
        retired:
          domains: [contoso.fr]
          clients: [skype2016]
        """;

    private const string Gpo = "Skype for Business sign-in (contoso)";

    private static readonly string[] Domains = ["contoso.com", "contoso.de", "contoso.fr"];

    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_plan_line_is_what_the_scripts_do()
    {
        var plan = Plan();
        var state = new WindowsState();
        foreach (var domain in Domains)
        {
            state.Dns.Zone(domain, DnsServerRecord.Mx("@", 10, $"mail.{domain}."));
        }

        // Each generated into the same folder in turn, as generate and plan did above.
        foreach (var artifacts in new[] { InMemoryPolicy.Build(Old), InMemoryPolicy.Build(New, Old) })
        {
            foreach (var script in new[] { "gpo/Set-TrustModelDataGpo.ps1", "registry/Add-TrustModelData.ps1", "dns/Add-DnsServerRecords.ps1" })
            {
                WindowsStandIns.Run(artifacts["contoso/" + script], state, script.StartsWith("dns/", StringComparison.Ordinal) ? DnsServerScriptRunTests.OnServer : null);
            }
        }

        var checkedAreas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in plan)
        {
            var (area, action) = (change.GetProperty("area").GetString()!, change.GetProperty("action").GetString()!);
            var text = change.GetProperty("text").GetString()!;
            switch (area)
            {
                case "trustModelData":
                    var entries = GpoValue(state, Text(change, "client")!);
                    Assert.True(entries.Contains(Text(change, "entry")!, StringComparer.OrdinalIgnoreCase) == (action == "add"), text);
                    break;
                case "dns":
                    var record = change.GetProperty("record");
                    var line = $"{record.GetProperty("name").GetString()}.{Text(change, "domain")}. {record.GetProperty("ttl").GetInt32()} IN {record.GetProperty("type").GetString()} {record.GetProperty("data").GetString()}";
                    Assert.True(state.Dns.Lines().Contains(line) == (action != "remove"), text);
                    break;
                case "retired" when Text(change, "domain") is { } domain:
                    Assert.DoesNotContain(MachineEntries(state).SelectMany(e => e.Value), e => e.Equals(domain, StringComparison.OrdinalIgnoreCase));
                    Assert.Equal([$"{domain}. 3600 IN MX 10 mail.{domain}."], state.Dns.Lines().Where(l => l.EndsWith($"{domain}. 3600 IN MX 10 mail.{domain}.", StringComparison.Ordinal) || l.Contains($".{domain}. ", StringComparison.Ordinal)));
                    break;
                case "retired":
                    var client = Text(change, "client")!;
                    Assert.DoesNotContain(MachineEntries(state).GetValueOrDefault(client, []), e => e is "contoso.com" or "contoso.fr" or "sip.partner-a.example");
                    Assert.Null(state.GroupPolicy.ByName(Gpo)!.Get($@"HKLM\{FormatFacts.PolicyKey(client)}", FormatFacts.ValueName));
                    break;
                case "leftInPlace" when Text(change, "domain") is { } domain:
                    Assert.Contains(state.Dns.Lines(), l => l.StartsWith($"sip.{domain}. ", StringComparison.Ordinal));
                    break;
                case "leftInPlace" when Text(change, "entry") is { } entry:
                    Assert.Contains(MachineEntries(state).Values.SelectMany(v => v), e => e.Equals(entry, StringComparison.OrdinalIgnoreCase));
                    break;
                case "leftInPlace":
                    var dropped = Text(change, "client")!;
                    Assert.NotEmpty(MachineEntries(state).GetValueOrDefault(dropped, []));
                    Assert.Null(state.GroupPolicy.ByName(Gpo)!.Get($@"HKLM\{FormatFacts.PolicyKey(dropped)}", FormatFacts.ValueName));
                    break;
                case "admx" or "files":
                    continue; // no stand-in deploys these: their files are compared byte for byte elsewhere
                default:
                    Assert.Fail($"a plan line this test does not know how to check: {text}");
                    break;
            }

            checkedAreas.Add(area + (area is "retired" or "leftInPlace" ? (Text(change, "domain") ?? Text(change, "entry") ?? Text(change, "client")) : ""));
        }

        // The plan did speak of each kind of change this policy makes.
        Assert.Superset(new HashSet<string>(["trustModelData", "dns", "retiredcontoso.fr", "retiredskype2016", "leftInPlacecontoso.de", "leftInPlacelync2013"], StringComparer.Ordinal), checkedAreas);
    }

    /// <summary>The plan of Old → New as generate and plan run on disk.</summary>
    private List<JsonElement> Plan()
    {
        var policy = _temp.File("policies.yaml");
        var output = _temp.File("out");
        File.WriteAllText(policy, Old);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", output).Code);
        File.WriteAllText(policy, New);
        var run = CliRunner.Run("plan", policy, "--out", output, "--format", "json");
        Assert.Equal(ExitCodes.Differences, run.Code);
        return [.. JsonDocument.Parse(run.Stdout).RootElement.GetProperty("changes").EnumerateArray().Select(c => c.Clone())];
    }

    private static string? Text(JsonElement change, string name) => change.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string[] GpoValue(WindowsState state, string client) =>
        state.GroupPolicy.ByName(Gpo)?.Get($@"HKLM\{FormatFacts.PolicyKey(client)}", FormatFacts.ValueName)?.Value.TrimEnd('\0').Split(',') ?? [];

    /// <summary>Each client's TrustModelData on the computer the appender ran on, by client id.</summary>
    private static Dictionary<string, string[]> MachineEntries(WindowsState state) => FormatFacts.ClientIds
        .Select(id => (Id: id, Value: state.Registry.Value($@"HKLM:\{FormatFacts.PolicyKey(id)}", FormatFacts.ValueName)))
        .Where(v => v.Value is not null)
        .ToDictionary(v => v.Id, v => ((string)v.Value!.Data).Split(','), StringComparer.Ordinal);
}
