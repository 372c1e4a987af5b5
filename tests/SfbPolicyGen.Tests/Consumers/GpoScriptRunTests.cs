using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;
using static SfbPolicyGen.Tests.Support.DesiredState;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>gpo/Set-TrustModelDataGpo.ps1 of every golden case, run for real against the GroupPolicy
/// stand-ins: its own GPO ends holding exactly the policy's value for each listed client and no
/// TrustModelData for any other client; the GPO's other settings and every other GPO are untouched; a
/// second run and a -WhatIf run change nothing.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class GpoScriptRunTests
{
    private const string OtherGpo = "Another team's GPO";

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Apply_sets_the_listed_clients_and_removes_the_others_from_its_own_gpo_only(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = Seeded(tenant);
            var run = WindowsStandIns.Run(script, state);

            Assert.Equal(Desired(tenant).Lines(), state.Lines());
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(["GroupPolicy"], state.Modules);
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
            Assert.StartsWith($"0 change(s) to GPO '{tenant.Gpo.Name}'.", again.Output[^1], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Signed_it_runs_as_unsigned_apply_again_and_WhatIf(string name)
    {
        // issue 24: the signature block is comments PowerShell skips; the stand-in runs prove nothing else moved.
        using var files = new CodeSigningFiles();
        using var publisher = files.Publisher();
        var signer = new SfbPolicyGen.Signing.ScriptSigner(publisher, []);
        foreach (var (tenant, script) in Scripts(name))
        {
            var signed = signer.Sign(script);
            Assert.True(SfbPolicyGen.Signing.AuthenticodeScript.Verify(signed).IsValid);
            var state = Seeded(tenant);

            Assert.Equal(0, WindowsStandIns.Run(signed, state).ExitCode);
            Assert.Equal(Desired(tenant).Lines(), state.Lines());
            state.Changes.Clear();
            WindowsStandIns.Run(signed, state);
            Assert.Empty(state.Changes);
            WindowsStandIns.RunChangingNothing(signed, Seeded(tenant), WindowsStandIns.WhatIf);
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

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_missing_gpo_is_created_and_under_whatif_described(string name)
    {
        foreach (var (tenant, script) in Scripts(name))
        {
            var state = new WindowsState();
            state.GroupPolicy.Seed(OtherGpo).Set(GpoKey("communicator"), FormatFacts.ValueName, "someone.else.example");
            var before = state.Lines();

            var whatIf = WindowsStandIns.Run(script, state, WindowsStandIns.WhatIf);
            Assert.Empty(state.Changes);
            Assert.Equal(before, state.Lines());
            Assert.Equal(
                [.. ClientIds(tenant).Select(id => $@"would set {GpoKey(id)}\{FormatFacts.ValueName} = '{TrustValue(tenant)}' in the new GPO").Order(StringComparer.Ordinal), $"GPO '{tenant.Gpo.Name}' does not exist: nothing else to change."],
                whatIf.Output);

            var run = WindowsStandIns.Run(script, state);
            var expected = new WindowsState();
            expected.GroupPolicy.Seed(OtherGpo).Set(GpoKey("communicator"), FormatFacts.ValueName, "someone.else.example");
            var created = expected.GroupPolicy.Seed(tenant.Gpo.Name);
            foreach (var id in ClientIds(tenant))
            {
                created.Set(GpoKey(id), FormatFacts.ValueName, TrustValue(tenant));
            }

            Assert.Equal(expected.Lines(), state.Lines());
            Assert.StartsWith($"created GPO '{tenant.Gpo.Name}'", run.Output[0], StringComparison.Ordinal);
        }
    }

    /// <summary>The tenant's GPO holding a stale value for its first client, a value for every client it
    /// does not list (set by an earlier policy), and a setting of another key; another GPO holding
    /// TrustModelData for every client.</summary>
    private static WindowsState Seeded(TenantPolicy tenant)
    {
        var state = Unowned(new WindowsState());
        var own = state.GroupPolicy.Seed(tenant.Gpo.Name).Set(@"HKLM\Software\Policies\Microsoft\Windows\System", "EnableSmartScreen", "1", "DWord");
        own.Set(GpoKey(ClientIds(tenant)[0]), FormatFacts.ValueName, "stale.example");
        foreach (var id in FormatFacts.ClientIds.Except(ClientIds(tenant)))
        {
            own.Set(GpoKey(id), FormatFacts.ValueName, "lync.com,retired.example");
        }

        return state;
    }

    private static WindowsState Desired(TenantPolicy tenant)
    {
        var state = Unowned(new WindowsState());
        var own = state.GroupPolicy.Seed(tenant.Gpo.Name).Set(@"HKLM\Software\Policies\Microsoft\Windows\System", "EnableSmartScreen", "1", "DWord");
        foreach (var id in ClientIds(tenant))
        {
            own.Set(GpoKey(id), FormatFacts.ValueName, TrustValue(tenant));
        }

        return state;
    }

    private static WindowsState Unowned(WindowsState state)
    {
        var other = state.GroupPolicy.Seed(OtherGpo);
        foreach (var id in FormatFacts.ClientIds)
        {
            other.Set(GpoKey(id), FormatFacts.ValueName, "someone.else.example");
        }

        return state;
    }

    private static IEnumerable<(TenantPolicy Tenant, byte[] Script)> Scripts(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return ConsumerSuite.Artifacts(name, "gpo-script").Select(a => (tenants[a.Tenant], File.ReadAllBytes(a.FullPath)));
    }
}
