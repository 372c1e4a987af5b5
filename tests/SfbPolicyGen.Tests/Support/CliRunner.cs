namespace SfbPolicyGen.Tests.Support;

/// <summary>Runs the command line in-process with captured output.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = SfbPolicyGen.Cli.CliApp.Run(args, stdout, stderr);
        return new(code, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int Code, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {Code}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs the command line as its own process, in a working folder of the test's choosing (what an
/// in-process run cannot change without disturbing the tests running beside it).</summary>
public static class CliProcess
{
    public static CliResult Run(string workingDirectory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(SfbPolicyGen.Cli.CliApp).Assembly.Location);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"sfbpolicygen {string.Join(' ', args)} did not finish in time");
        }

        return new(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
