using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using static SfbPolicyGen.Tests.Support.DesiredState;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>registry/Add-TrustModelData.ps1 of every golden case, run for real against the registry
/// provider stand-ins: each listed client's value ends as the machine's entries followed by every missing
/// domain of the policy; a missing key is created; the keys' other values, the keys of clients the policy
/// does not list and other keys are untouched; a second run and a -WhatIf run change nothing.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TrustAppendScriptRunTests
{
    private const string Partner = "partner.example";

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Apply_appends_what_is_missing_and_leaves_the_rest(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = Seeded(tenant);
            var run = WindowsStandIns.Run(script, state);

            Assert.Equal(Desired(tenant).Lines(), state.Lines());
            Assert.Equal(0, run.ExitCode);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_second_run_changes_nothing_and_says_so(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = Seeded(tenant);
            WindowsStandIns.Run(script, state);
            state.Changes.Clear();

            var again = WindowsStandIns.Run(script, state);

            Assert.Empty(state.Changes);
            Assert.Equal(Desired(tenant).Lines(), state.Lines());
            Assert.Equal(
                ClientIds(tenant).Select(id => $"unchanged {ProviderKey(id)}: every domain is already trusted and no retired one is").Order(StringComparer.Ordinal)
                    .Concat(tenant.Retired.Clients.Select(c => $"unchanged {ProviderKey(c.Id)}: no entry of this tenant (retired client)").Order(StringComparer.Ordinal)),
                again.Output);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void WhatIf_changes_nothing(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            WindowsStandIns.RunChangingNothing(script, Seeded(tenant), WindowsStandIns.WhatIf);
        }
    }

    /// <summary>Each listed client's key but the last holds a partner's entry, the tenant's first domain in
    /// capitals and another value; the last listed client's key does not exist; every other client's key
    /// holds a value of its own, and an Office key nothing here owns holds one too.</summary>
    private static WindowsState Seeded(TenantPolicy tenant)
    {
        var state = Unowned(tenant);
        foreach (var id in ClientIds(tenant).SkipLast(1))
        {
            state.Registry.Seed(ProviderKey(id), FormatFacts.ValueName, $"{Partner},{tenant.Domains[0].ToUpperInvariant()}").Seed(ProviderKey(id), "EnableAutoUpdate", "1", "DWord");
        }

        return state;
    }

    private static WindowsState Desired(TenantPolicy tenant)
    {
        var state = Unowned(tenant);
        var first = tenant.Domains[0];
        var appended = string.Join(',', TrustValue(tenant).Split(',').Where(name => name != first));
        foreach (var id in ClientIds(tenant).SkipLast(1))
        {
            state.Registry.Seed(ProviderKey(id), FormatFacts.ValueName, $"{Partner},{first.ToUpperInvariant()},{appended}").Seed(ProviderKey(id), "EnableAutoUpdate", "1", "DWord");
        }

        state.Registry.Seed(ProviderKey(ClientIds(tenant)[^1]), FormatFacts.ValueName, TrustValue(tenant));
        return state;
    }

    private static WindowsState Unowned(TenantPolicy tenant)
    {
        var state = new WindowsState();
        state.Registry.Seed(@"HKLM:\Software\Policies\Microsoft\Office\16.0\Common", "QMEnable", "0", "DWord");
        foreach (var id in FormatFacts.ClientIds.Except(ClientIds(tenant)))
        {
            state.Registry.Seed(ProviderKey(id), FormatFacts.ValueName, "lync.com,someone.else.example");
        }

        return state;
    }

    private static IEnumerable<(TenantPolicy Tenant, byte[] Script)> Scripts(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return ConsumerSuite.Artifacts(name, "trust-append-script").Select(a => (tenants[a.Tenant], File.ReadAllBytes(a.FullPath)));
    }
}
