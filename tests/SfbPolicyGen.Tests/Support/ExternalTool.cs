using System.Diagnostics;

namespace SfbPolicyGen.Tests.Support;

/// <summary>The programs nobody here wrote that consume the artifacts (hivexregedit, wine, named-checkzone,
/// kzonecheck, knotd). A missing one skips its test with the Debian package to install; with
/// SFB_REQUIRE_CONSUMERS=1 (set by .ci/run) it fails it instead, so CI can never pass by skipping.</summary>
public static class ExternalTool
{
    public const string RequireVariable = "SFB_REQUIRE_CONSUMERS";

    private static readonly string[] SearchPath =
        [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/sbin", "/sbin"];

    /// <returns>The full path of <paramref name="command"/>.</returns>
    public static string Require(string command, string debianPackage)
    {
        var path = SearchPath.Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);
        if (path is not null)
        {
            return path;
        }

        throw Missing($"'{command}'", debianPackage);
    }

    /// <summary>Skips the test (or fails it under SFB_REQUIRE_CONSUMERS=1) for a consumer that is not installed.</summary>
    public static Exception Missing(string what, string debianPackage) =>
        Unavailable($"{what} is not installed: apt-get install --no-install-recommends {debianPackage}");

    /// <summary>The one way a test gives up for want of a consumer or of ../shared: a skip with the
    /// reason, which SFB_REQUIRE_CONSUMERS=1 turns into a failure; never a silent pass. Throw what it
    /// returns from a [SkippableFact] or [SkippableTheory].</summary>
    public static Exception Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 makes a missing consumer or fixture a failure)");
        }

        return new SkipException(reason);
    }

    /// <summary>Runs a program to its end (killed with its children after <paramref name="timeout"/>)
    /// with arguments passed as they are, never through a shell.</summary>
    /// <param name="captureOutput">False for a program that leaves a daemon behind (wineserver): the
    /// daemon would hold the pipes open, and reading them to their end would wait for it.</param>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, bool captureOutput = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = captureOutput, RedirectStandardError = captureOutput, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = captureOutput ? process.StandardOutput.ReadToEndAsync() : Task.FromResult("");
        var stderr = captureOutput ? process.StandardError.ReadToEndAsync() : Task.FromResult("");
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
