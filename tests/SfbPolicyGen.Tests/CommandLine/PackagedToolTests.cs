using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>The dotnet tool packages (.NET SDK 10 RID-specific tool packages, README "Install as a
/// dotnet tool"): the pointer package names the Native AOT linux-x64 package and the framework-dependent
/// 'any' fallback. The fallback is packed, installed into a temporary tool path from a local source
/// and run here; its generate gives the sample's committed out/ byte for byte. The native package is
/// not packed here (an AOT compile takes most of a minute): .ci/native packs all three, installs them,
/// proves the installed command is the native binary and runs the golden cases through it.</summary>
public sealed class PackagedToolTests : IDisposable
{
    private static readonly string Version = typeof(SfbPolicyGen.Cli.CliApp).Assembly.GetName().Version!.ToString(3);

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pointer_package_names_the_native_package_then_the_fallback()
    {
        var packages = Pack("pointer");
        using var zip = ZipFile.OpenRead(Path.Combine(packages, $"SfbPolicyGen.Tool.{Version}.nupkg"));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        using var settings = zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open();
        var rids = XDocument.Load(settings).Descendants("RuntimeIdentifierPackage")
            .Select(p => $"{p.Attribute("RuntimeIdentifier")?.Value} {p.Attribute("Id")?.Value}");
        Assert.Equal(["linux-x64 SfbPolicyGen.Tool.linux-x64", "any SfbPolicyGen.Tool.any"], rids);
    }

    /// <summary>What a machine without a native package gets. On linux-x64 the shipped pointer selects
    /// the native package, so this test's pointer lists 'any' only: the CLI then resolves the pointer
    /// to the fallback exactly as it does on such a machine.</summary>
    [Fact]
    public void Framework_dependent_fallback_installs_and_generates_the_sample()
    {
        var packages = Pack("fallback", "-r", "any", "-p:PublishAot=false");
        Pack("fallback", "-p:ToolPackageRuntimeIdentifiers=any");
        using (var zip = ZipFile.OpenRead(Path.Combine(packages, $"SfbPolicyGen.Tool.any.{Version}.nupkg")))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "tools/net10.0/any/SfbPolicyGen.Cli.dll");
        }

        var tools = Path.Combine(_dir, "tools");
        var install = ExternalTool.Run(Environment.ProcessPath!, ["tool", "install", "SfbPolicyGen.Tool", "--version", Version, "--tool-path", tools, "--add-source", packages], timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.ToString());

        var output = Path.Combine(_dir, "out");
        var generate = ExternalTool.Run(Path.Combine(tools, "sfbpolicygen"), ["generate", Path.Combine(RepoPaths.Root, "policies.yaml"), "--out", output]);
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Equal(Hashes(Path.Combine(RepoPaths.Root, "out")), Hashes(output));

        var versionRun = ExternalTool.Run(Path.Combine(tools, "sfbpolicygen"), ["--version"]);
        Assert.StartsWith(Version, versionRun.Stdout, StringComparison.Ordinal);
    }

    /// <returns>The folder the package went to (under the test's folder, named <paramref name="folder"/>).</returns>
    private string Pack(string folder, params string[] options)
    {
        var packages = Path.Combine(_dir, folder);
        var pack = ExternalTool.Run(Environment.ProcessPath!, ["pack", Path.Combine(RepoPaths.Root, "src", "SfbPolicyGen.Cli"), "-c", "Release", "-o", packages, "--nologo", .. options], timeout: TimeSpan.FromMinutes(5));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        return packages;
    }

    private static string Hashes(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/') + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
        .Order(StringComparer.Ordinal));
}
