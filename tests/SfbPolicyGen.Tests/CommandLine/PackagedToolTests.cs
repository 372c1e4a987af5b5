using System.Security.Cryptography;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>The dotnet tool package, as a user gets it: packed, installed into a temporary tool path
/// from a local source, and run; its generate gives the sample's committed out/ byte for byte.</summary>
public sealed class PackagedToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Packed_tool_installs_and_generates_the_sample()
    {
        var dotnet = Environment.ProcessPath!;
        var version = typeof(SfbPolicyGen.Cli.CliApp).Assembly.GetName().Version!.ToString(3);
        var packages = Path.Combine(_dir, "packages");
        var pack = ExternalTool.Run(dotnet, ["pack", Path.Combine(RepoPaths.Root, "src", "SfbPolicyGen.Cli"), "-c", "Release", "-o", packages, "--nologo"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Path.Combine(packages, $"SfbPolicyGen.Tool.{version}.nupkg");
        Assert.True(File.Exists(package), $"{package} is missing");
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        }

        var tools = Path.Combine(_dir, "tools");
        var install = ExternalTool.Run(dotnet, ["tool", "install", "SfbPolicyGen.Tool", "--version", version, "--tool-path", tools, "--add-source", packages], timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.ToString());

        var output = Path.Combine(_dir, "out");
        var generate = ExternalTool.Run(Path.Combine(tools, "sfbpolicygen"), ["generate", Path.Combine(RepoPaths.Root, "policies.yaml"), "--out", output]);
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Equal(Hashes(Path.Combine(RepoPaths.Root, "out")), Hashes(output));

        var versionRun = ExternalTool.Run(Path.Combine(tools, "sfbpolicygen"), ["--version"]);
        Assert.StartsWith(version, versionRun.Stdout, StringComparison.Ordinal);
    }

    private static string Hashes(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/') + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
        .Order(StringComparer.Ordinal));
}
