namespace SfbPolicyGen.Tests.Support;

/// <summary>One throw-away Wine prefix per test run (a class fixture), created on first use inside a
/// test so that a missing Wine skips or fails that test rather than the fixture. wineserver is stopped
/// and the prefix deleted when the run ends, also after a failure.</summary>
public sealed class WinePrefix : IDisposable
{
    private readonly Lock _gate = new();
    private string? _prefix;
    private string? _wine;

    /// <summary>Runs Wine's own reg.exe (the command-line regedit) in the prefix.</summary>
    public ProcessResult Reg(params string[] arguments)
    {
        lock (_gate)
        {
            if (_prefix is null)
            {
                _wine = ExternalTool.Require("wine", "wine wine64");
                _prefix = Directory.CreateTempSubdirectory("sfb-wine-").FullName;

                // A persistent wineserver started first: otherwise each wine call starts one that
                // inherits the call's pipes and keeps them open for seconds after the call ends.
                var server = ExternalTool.Run(WineServer, ["-p"], Environment, TimeSpan.FromMinutes(1), captureOutput: false);
                Assert.True(server.ExitCode == 0, "wineserver -p failed: " + server);
                var boot = ExternalTool.Run(_wine, ["wineboot", "--init"], Environment, TimeSpan.FromMinutes(3), captureOutput: false);
                Assert.True(boot.ExitCode == 0, "wineboot failed: " + boot);
            }

            return ExternalTool.Run(_wine!, ["reg", .. arguments], Environment);
        }
    }

    private string WineServer => Path.Combine(Path.GetDirectoryName(_wine!)!, "wineserver");

    /// <summary>A Unix path as Wine's Z: drive sees it.</summary>
    public static string WindowsPath(string unixPath) => "Z:" + Path.GetFullPath(unixPath).Replace('/', '\\');

    // WINEDEBUG=-all keeps Wine's own chatter out of the output; no Mono or Gecko install prompts.
    private Dictionary<string, string> Environment => new(StringComparer.Ordinal)
    {
        ["WINEPREFIX"] = _prefix!,
        ["WINEDEBUG"] = "-all",
        ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
    };

    public void Dispose()
    {
        if (_prefix is null)
        {
            return;
        }

        if (File.Exists(WineServer))
        {
            ExternalTool.Run(WineServer, ["-k"], Environment, TimeSpan.FromSeconds(30), captureOutput: false);
        }

        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying wineserver: the system's temporary folder is cleaned anyway.
        }
    }

}
