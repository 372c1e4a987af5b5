using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using static SfbPolicyGen.Tests.Support.DesiredState;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>dns/Add-DnsServerRecords.ps1 of every golden case, run for real against the DnsServer
/// stand-ins: under each of the tenant's domains the names the profile publishes at end holding its
/// records (a record already right is kept, the missing ones are added); a Microsoft record at a name
/// the profile leaves empty stays and is named, since this tool never published it (a first deployment
/// deletes nothing); the zones' other records are untouched; a second run and a -WhatIf run change
/// nothing.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class DnsServerScriptRunTests
{
    public const string Server = "dns1.corp.example";

    /// <summary>A record Microsoft documents at each of the tool's names (docs/DNS.md, "The records", worldwide).</summary>
    public static readonly Dictionary<string, DnsServerRecord> MicrosoftRecords = new(StringComparer.Ordinal)
    {
        ["sip"] = DnsServerRecord.CName("sip", "sipdir.online.lync.com."),
        ["lyncdiscover"] = DnsServerRecord.CName("lyncdiscover", "webdir.online.lync.com."),
        ["_sip._tls"] = DnsServerRecord.Srv("_sip._tls", 100, 1, 443, "sipdir.online.lync.com."),
        ["_sipfederationtls._tcp"] = DnsServerRecord.Srv("_sipfederationtls._tcp", 100, 1, 5061, "sipfed.online.lync.com."),
    };

    public static Dictionary<string, object> OnServer => new() { ["ComputerName"] = Server };

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Apply_reaches_the_profile_and_leaves_the_rest(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = Seeded(tenant);
            var run = WindowsStandIns.Run(script, state, OnServer);

            Assert.Equal(Seeded(tenant).Dns.Lines().Union(RecordLines(tenant)).Order(StringComparer.Ordinal), state.Dns.Lines());
            Assert.Equal(0, run.ExitCode);
            Assert.Empty(run.Warnings);
            Assert.Equal(["DnsServer"], state.Modules);
            var wanted = tenant.Dns.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var leftInPlace = tenant.Domains.SelectMany(d => MicrosoftRecords.Keys.Where(n => !wanted.Contains(n)).Select(n => $"left in place {n}.{d}:"));
            Assert.Equal(leftInPlace.Order(StringComparer.Ordinal), run.Output.Where(l => l.StartsWith("left in place ", StringComparison.Ordinal)).Select(l => l[..(l.IndexOf(':', StringComparison.Ordinal) + 1)]).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_second_run_changes_nothing_and_says_so(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = Seeded(tenant);
            WindowsStandIns.Run(script, state, OnServer);
            state.Changes.Clear();

            var again = WindowsStandIns.Run(script, state, OnServer);

            Assert.Empty(state.Changes);
            Assert.Equal(tenant.Domains.Length * tenant.Dns.Records.Length, again.Output.Count(line => line.StartsWith("unchanged ", StringComparison.Ordinal)));
            Assert.Equal($"0 change(s) on {Server}.", again.Output[^1]);
            Assert.Equal(0, again.ExitCode);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void WhatIf_changes_nothing(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            WindowsStandIns.RunChangingNothing(script, Seeded(tenant), new Dictionary<string, object>(OnServer) { ["WhatIf"] = true });
        }
    }

    /// <summary>Each domain's zone: the profile's first record already there, a Microsoft record at each
    /// name the profile leaves empty, and records the tool does not own (see <see cref="Unowned"/>).</summary>
    private static WindowsState Seeded(TenantPolicy tenant)
    {
        var state = Unowned(tenant);
        var wanted = tenant.Dns.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var first = tenant.Dns.Records[0];
        foreach (var domain in tenant.Domains)
        {
            state.Dns.Zone(domain, first.Type == "SRV"
                ? DnsServerRecord.Srv(first.Name, first.Priority, first.Weight, first.Port, first.Target + ".", first.Ttl)
                : DnsServerRecord.CName(first.Name, first.Target + ".", first.Ttl));
            state.Dns.Zone(domain, [.. MicrosoftRecords.Where(r => !wanted.Contains(r.Key)).Select(r => r.Value)]);
        }

        return state;
    }

    /// <summary>An MX at the apex, an A record at another name and one below a name the tool writes at
    /// (which the script must not take for a record at that name).</summary>
    private static WindowsState Unowned(TenantPolicy tenant)
    {
        var state = new WindowsState();
        foreach (var domain in tenant.Domains)
        {
            state.Dns.Zone(domain, DnsServerRecord.Mx("@", 10, $"mail.{domain}."), DnsServerRecord.A("www", "192.0.2.10"), DnsServerRecord.A("edge.sip", "192.0.2.11"));
        }

        return state;
    }

    private static IEnumerable<(TenantPolicy Tenant, byte[] Script)> Scripts(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return ConsumerSuite.Artifacts(name, "dns-script").Select(a => (tenants[a.Tenant], File.ReadAllBytes(a.FullPath)));
    }
}
