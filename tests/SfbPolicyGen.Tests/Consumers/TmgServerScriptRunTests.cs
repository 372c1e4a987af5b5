using System.Globalization;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>tmg/Set-TmgClientRules.ps1 of every golden case that has one, run for real against the
/// FPC.Root stand-in: after its one Save, every application section of the policy holds its Disable and
/// DisableEx; the sections' other keys and other applications' sections are untouched; a second run and a
/// -WhatIf run change nothing.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TmgServerScriptRunTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Apply_sets_every_rule_and_saves_once(string name)
    {
        foreach (var (proxy, script) in Scripts(name))
        {
            var state = Seeded(proxy);
            var run = WindowsStandIns.Run(script, state);

            Assert.Equal(Desired(proxy).Lines(), state.Lines());
            Assert.Equal(["TMG Save"], state.Changes.Where(c => c.EndsWith("Save", StringComparison.Ordinal)));
            Assert.StartsWith("saved ", run.Output[^1], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_second_run_changes_nothing_and_says_so(string name)
    {
        foreach (var (proxy, script) in Scripts(name))
        {
            var state = Seeded(proxy);
            WindowsStandIns.Run(script, state);
            state.Changes.Clear();

            var again = WindowsStandIns.Run(script, state);

            Assert.Empty(state.Changes);
            Assert.Equal(Desired(proxy).Lines(), state.Lines());
            Assert.Equal("nothing to change", again.Output[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void WhatIf_changes_nothing(string name)
    {
        foreach (var (proxy, script) in Scripts(name))
        {
            WindowsStandIns.RunChangingNothing(script, Seeded(proxy), WindowsStandIns.WhatIf);
        }
    }

    /// <summary>The first application's section with Disable wrong, DisableEx missing and a key of its
    /// own; no section for the others; another application's section.</summary>
    private static WindowsState Seeded(ProxyPolicy proxy)
    {
        var state = Unowned();
        var first = proxy.Applications[0];
        state.Tmg.Section(first.Name, ("Disable", first.Disable == 0 ? "1" : "0"), ("ControlChannel", "Wsp.udp"));
        return state;
    }

    private static WindowsState Desired(ProxyPolicy proxy)
    {
        var state = Unowned();
        foreach (var app in proxy.Applications)
        {
            (string, string)[] rules = [("Disable", Text(app.Disable)), ("DisableEx", Text(app.DisableEx))];
            state.Tmg.Section(app.Name, app == proxy.Applications[0] ? [.. rules, ("ControlChannel", "Wsp.udp")] : rules);
        }

        return state;
    }

    private static WindowsState Unowned()
    {
        var state = new WindowsState();
        state.Tmg.Section("outlook", ("Disable", "1"));
        return state;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<(ProxyPolicy Proxy, byte[] Script)> Scripts(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return ConsumerSuite.Artifacts(name, "tmg-server-script").Select(a => (tenants[a.Tenant].Proxy, File.ReadAllBytes(a.FullPath)));
    }
}
