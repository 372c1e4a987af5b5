using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SfbPolicyGen.Tests.Consumers;

namespace SfbPolicyGen.Tests.Support;

/// <summary>Runs a generated .ps1 for real, in PowerShell in-process (System.Management.Automation 7.6.9
/// with its Utility and Management cmdlets), against in-memory stand-ins of the Windows pieces it calls:
/// the registry provider, the GroupPolicy, DnsServer and ActiveDirectory cmdlets, and TMG's FPC.Root COM
/// object (WindowsStandIns.ps1, shaped after their documented signatures, over a <see cref="WindowsState"/>
/// the test seeds and reads back). The script is written to a .ps1 file and called as <c>&amp; $path
/// @parameters</c>, so <c>exit</c>, <c>[CmdletBinding()]</c> and <c>-WhatIf</c> behave as in a real run.</summary>
public static class WindowsStandIns
{
    private static readonly string StandIns = ReadStandIns();

    /// <summary>Runs <paramref name="script"/> (its bytes as generated) with <paramref name="parameters"/> (e.g. WhatIf = true). A
    /// terminating error fails the test with the script's message and stack trace.</summary>
    public static ScriptRun Run(byte[] script, WindowsState state, IDictionary<string, object>? parameters = null)
    {
        using var folder = ConsumerSuite.NewTempFolder();
        var path = folder.File("script.ps1");
        File.WriteAllBytes(path, script);

        using var runspace = RunspaceFactory.CreateRunspace(PowerShellScript.NewSessionState());
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("SfbWindows", state);
        using var shell = PowerShell.Create(runspace);
        shell.AddScript(StandIns).Invoke();
        Assert.Empty(shell.Streams.Error.Select(e => e.ToString()));

        shell.Commands.Clear();
        shell.AddScript("param($Path, $Parameters) & $Path @Parameters").AddArgument(path).AddArgument(new Hashtable(new Dictionary<string, object>(parameters ?? new Dictionary<string, object>())));
        Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException ex)
        {
            throw new Xunit.Sdk.XunitException($"the script stopped: {ex.Message}\n{ex.ErrorRecord.ScriptStackTrace}");
        }

        return new ScriptRun(
            [.. output.Select(o => o?.ToString() ?? "")],
            [.. shell.Streams.Warning.Select(w => w.Message)],
            [.. shell.Streams.Error.Select(e => e.ToString())],
            runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : 0);
    }

    /// <summary><see cref="Run"/> for a run that must change nothing (-WhatIf): no change recorded, and
    /// the state reads as it did before.</summary>
    public static ScriptRun RunChangingNothing(byte[] script, WindowsState state, IDictionary<string, object> parameters)
    {
        var before = state.Lines();
        var run = Run(script, state, parameters);
        Assert.Empty(state.Changes);
        Assert.Equal(before, state.Lines());
        return run;
    }

    /// <summary>-WhatIf, as the parameters of <see cref="Run"/>.</summary>
    public static IDictionary<string, object> WhatIf => new Dictionary<string, object> { ["WhatIf"] = true };

    private static string ReadStandIns()
    {
        using var stream = typeof(WindowsStandIns).Assembly.GetManifestResourceStream("WindowsStandIns.ps1")!;
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>What a script run printed (its output and warnings), the errors it wrote, and its exit code.</summary>
public sealed record ScriptRun(IReadOnlyList<string> Output, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors, int ExitCode)
{
    public override string ToString() => string.Join('\n', [.. Output, .. Warnings.Select(w => "WARNING: " + w), .. Errors.Select(e => "ERROR: " + e), $"exit code {ExitCode}"]);
}
