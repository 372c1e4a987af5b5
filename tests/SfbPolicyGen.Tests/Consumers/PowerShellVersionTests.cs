using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>Every script states the PowerShell it needs with #Requires -Version; the per-computer
/// scripts (the appender, the client clean-up) state 2.0, since Lync 2010 clients are typically
/// Windows 7, and every script that states 2.0 uses nothing newer (PowerShellScript.NewerThanVersion2,
/// whose own tests in TrustAppendScriptTests prove it finds each construct).</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class PowerShellVersionTests
{
    /// <summary>The scripts that run on each client computer, and so on PowerShell 2.0.</summary>
    private static readonly string[] PerComputer = ["trust-append-script", "client-cleanup-script"];

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Every_script_states_its_version_and_per_computer_scripts_run_on_2(string name)
    {
        var scripts = GoldenCases.Kinds.Where(k => k.EndsWith("-script", StringComparison.Ordinal))
            .SelectMany(kind => ConsumerSuite.Artifacts(name, kind).Select(a => (Kind: kind, a.FullPath)))
            .ToList();
        Assert.NotEmpty(scripts);
        foreach (var (kind, path) in scripts)
        {
            var ast = PowerShellScript.Parse(path).Ast;
            var required = ast.ScriptRequirements?.RequiredPSVersion;
            Assert.True(required is not null, $"{path} has no #Requires -Version");
            Assert.True(!PerComputer.Contains(kind) || required == new Version(2, 0), $"{path} requires {required}; a per-computer script must run on 2.0");
            if (required == new Version(2, 0))
            {
                Assert.Empty(PowerShellScript.NewerThanVersion2(ast).Select(found => $"{path}: {found}"));
            }
        }
    }
}
