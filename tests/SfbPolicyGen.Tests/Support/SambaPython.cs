using System.Text.Json;

namespace SfbPolicyGen.Tests.Support;

/// <summary>Debian's /usr/bin/python3 with Samba's modules (python3-samba): the PReg parser and ldb's
/// LDIF parser. The python3 on PATH may be another one, without them.</summary>
public static class SambaPython
{
    public static string Require(string module)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Require("python3", "python3-samba");
        if (ExternalTool.Run(python, ["-c", "import " + module]).ExitCode != 0)
        {
            throw ExternalTool.Missing($"the python3 module '{module}'", "python3-samba");
        }

        return python;
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="path"/> as argv[1]; its output is JSON.</summary>
    public static JsonElement RunJson(string python, string script, string path)
    {
        var run = ExternalTool.Run(python, ["-c", script, path]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
