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
