using System.Text;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>The stand-ins themselves (Support/WindowsStandIns.ps1): where the real cmdlet runs here too
/// (PowerShell's own Management, Utility and Core cmdlets), every parameter a stand-in declares is one of
/// the real cmdlet's; and a parameter the real cmdlet lacks fails, as it would on Windows.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class WindowsStandInsTests
{
    [Fact]
    public void Stand_ins_of_powershell_s_own_cmdlets_declare_only_real_parameters()
    {
        const string script = """
            foreach ($name in 'Test-Path', 'Get-ItemProperty', 'New-Item', 'New-ItemProperty', 'Remove-ItemProperty', 'New-Object', 'Import-Module') {
                $real = (Get-Command -Name $name -CommandType Cmdlet).Parameters.Keys
                foreach ($parameter in (Get-Command -Name $name -CommandType Function).Parameters.Keys) {
                    if ($real -notcontains $parameter) { "$name -$parameter" }
                }
            }
            """;

        var run = WindowsStandIns.Run(Encoding.UTF8.GetBytes(script), new WindowsState());

        // New-Object -ComObject exists on Windows only.
        Assert.Equal(["New-Object -ComObject"], run.Output);
    }

    [Fact]
    public void A_parameter_the_real_cmdlet_lacks_fails()
    {
        var state = new WindowsState();
        state.Registry.Seed(@"HKLM:\Software\Policies\Microsoft\Communicator", "TrustModelData", "lync.com");

        var run = WindowsStandIns.Run(
            Encoding.UTF8.GetBytes(@"Remove-ItemProperty -LiteralPath 'HKLM:\Software\Policies\Microsoft\Communicator' -Name 'TrustModelData' -Recurse"), state);

        Assert.Contains("A parameter cannot be found that matches parameter name 'Recurse'.", Assert.Single(run.Errors), StringComparison.Ordinal);
        Assert.Empty(state.Changes);
        Assert.Equal(["HKLM:\\Software\\Policies\\Microsoft\\Communicator\\TrustModelData=String:lync.com"], state.Lines());
    }
}
