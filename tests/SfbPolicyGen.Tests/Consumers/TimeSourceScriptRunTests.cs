using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>time/Set-PdcTimeSource.ps1 run for real (in-process PowerShell) against the stand-ins of
/// w32tm, Get-ADDomain and Win32_ComputerSystem (WindowsStandIns.ps1, <see cref="TimeStandIn"/>): on
/// the PDC emulator it sets KB 816042's configuration and resyncs; a second run and a -WhatIf run
/// change nothing; a changed list converges; on another computer, in a child domain, or where a GPO
/// sets the values, it refuses and runs nothing. Expected commands and messages are written here.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class TimeSourceScriptRunTests
{
    private const string Path = "adatum/time/Set-PdcTimeSource.ps1";

    private static byte[] Script(string ntpServers) =>
        InMemoryPolicy.Build($"tenant: {{name: adatum}}\ndomains: [adatum.example]\ntime:\n  ntpServers: {ntpServers}\n")[Path];

    private static readonly byte[] TwoPeers = Script("[\"time.windows.com,0x8\", \"ntp1.adatum.example,0x9\"]");

    [Fact]
    public void On_the_pdc_emulator_it_sets_the_peers_and_resyncs()
    {
        var state = new WindowsState();

        var run = WindowsStandIns.Run(TwoPeers, state);

        Assert.Equal(
        [
            "w32tm /config /manualpeerlist:time.windows.com,0x8 ntp1.adatum.example,0x9 /syncfromflags:manual /reliable:yes /update",
            "w32tm /resync /rediscover",
        ], state.Changes);
        Assert.Equal(["w32time NtpServer=time.windows.com,0x8 ntp1.adatum.example,0x9 Type=NTP AnnounceFlags=5 (Local)"], state.Time.Lines());
        Assert.Equal(1, state.Time.Resyncs);
        Assert.Equal(
        [
            "changed: DC1.corp.example now syncs from time.windows.com,0x8 ntp1.adatum.example,0x9 (was: NtpServer time.windows.com,0x8, Type NT5DS, AnnounceFlags 10)",
            "resynced: w32tm /resync /rediscover",
        ], run.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["ActiveDirectory"], state.Modules);
    }

    [Fact]
    public void A_second_run_changes_nothing_and_says_so()
    {
        var state = new WindowsState();
        WindowsStandIns.Run(TwoPeers, state);
        state.Changes.Clear();

        var again = WindowsStandIns.Run(TwoPeers, state);

        Assert.Empty(state.Changes);
        Assert.Equal(1, state.Time.Resyncs);
        Assert.Equal(["unchanged: DC1.corp.example already syncs from time.windows.com,0x8 ntp1.adatum.example,0x9 (Type NTP, reliable time source)"], again.Output);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public void WhatIf_runs_nothing()
    {
        var state = new WindowsState();

        WindowsStandIns.RunChangingNothing(TwoPeers, state, WindowsStandIns.WhatIf);

        Assert.Equal(0, state.Time.Resyncs);
        Assert.Equal("NT5DS", state.Time.Type);
    }

    [Fact]
    public void A_changed_list_converges()
    {
        var state = new WindowsState();
        WindowsStandIns.Run(TwoPeers, state);
        state.Changes.Clear();

        var run = WindowsStandIns.Run(Script("[ntp2.adatum.example]"), state);

        Assert.Equal(["w32tm /config /manualpeerlist:ntp2.adatum.example /syncfromflags:manual /reliable:yes /update", "w32tm /resync /rediscover"], state.Changes);
        Assert.Equal(["w32time NtpServer=ntp2.adatum.example Type=NTP AnnounceFlags=5 (Local)"], state.Time.Lines());
        Assert.Equal("changed: DC1.corp.example now syncs from ntp2.adatum.example (was: NtpServer time.windows.com,0x8 ntp1.adatum.example,0x9, Type NTP, AnnounceFlags 5)", run.Output[0]);
    }

    [Fact]
    public void The_role_holder_is_found_whatever_the_case_of_its_name()
    {
        var state = new WindowsState();
        state.Time.PdcEmulator = "dc1.CORP.example";

        WindowsStandIns.Run(TwoPeers, state);

        Assert.Equal("NTP", state.Time.Type);
    }

    [Fact]
    public void On_another_domain_controller_it_refuses_names_the_pdc_emulator_and_runs_nothing()
    {
        var state = new WindowsState();
        state.Time.PdcEmulator = "DC2.corp.example";

        var run = WindowsStandIns.RunChangingNothing(TwoPeers, state, new Dictionary<string, object>());

        Assert.Equal(["refused: this computer (DC1.corp.example) does not hold the PDC emulator role of corp.example; DC2.corp.example does: run this script there"], run.Warnings);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void In_a_child_domain_it_refuses_the_pdc_emulator_follows_the_hierarchy()
    {
        var state = new WindowsState();
        state.Time.DomainName = "emea.corp.example";
        state.Time.PdcEmulator = "DC1.emea.corp.example";

        var run = WindowsStandIns.RunChangingNothing(TwoPeers, state, new Dictionary<string, object>());

        Assert.Equal(["refused: emea.corp.example is not the forest root domain (corp.example): its PDC emulator follows the domain hierarchy (KB 816042); run this script on the PDC emulator of corp.example"], run.Warnings);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Where_a_gpo_sets_the_values_it_refuses_and_names_the_policy()
    {
        var state = new WindowsState();
        state.Time.Source = "Policy";

        var run = WindowsStandIns.RunChangingNothing(TwoPeers, state, new Dictionary<string, object>());

        Assert.Equal(["refused: a Group Policy sets NtpServer, Type on DC1.corp.example (NtpServer time.windows.com,0x8, Type NT5DS, AnnounceFlags 10): change the GPO (Configure Windows NTP Client) to NtpServer time.windows.com,0x8 ntp1.adatum.example,0x9 and Type NTP"], run.Warnings);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void The_script_parses_and_uses_nothing_newer_than_powershell_2()
    {
        var script = PowerShellScript.Parse(TwoPeers, "Set-PdcTimeSource.ps1");

        Assert.Empty(script.Errors);
        Assert.Empty(PowerShellScript.NewerThanVersion2(script.Ast));
        Assert.Equal("time.windows.com,0x8 ntp1.adatum.example,0x9", script.Constant("peerList"));
    }
}
