using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Import;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>A temporary folder of import sources written by a test (bytes as the test spells them),
/// read through ImportSources as the command reads them; removed on Dispose.</summary>
public sealed class ImportTestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sfb-import-").FullName;

    public string File(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Text(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    /// <summary>regedit's form: UTF-16LE with its byte order mark.</summary>
    public string Reg(string name, string text) => File(name, [.. FormatFacts.Utf16LeBom, .. Encoding.Unicode.GetBytes(text)]);

    /// <summary>The findings and diagnostics of reading <paramref name="sources"/>.</summary>
    public static (ImportFindings Findings, IReadOnlyList<Diagnostic> Diagnostics) Read(params string[] sources)
    {
        var findings = new ImportFindings();
        var diagnostics = new DiagnosticBag();
        ImportSources.Read(sources, findings, diagnostics);
        return (findings, diagnostics.Sorted());
    }

    /// <summary>Read then mapped, with the diagnostics of both.</summary>
    public static (ImportedPolicy? Policy, IReadOnlyList<Diagnostic> Diagnostics) Map(string[] sources, string[]? domains = null)
    {
        var findings = new ImportFindings();
        var diagnostics = new DiagnosticBag();
        ImportSources.Read(sources, findings, diagnostics);
        var given = (domains ?? []).Select(d => new Sourced<string>(d, Origin.OnCommandLine("--domain"))).ToList();
        var policy = diagnostics.HasErrors ? null : ImportMapper.Map(findings, given, null, diagnostics);
        return (policy, diagnostics.Sorted());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Registry.pol bytes as [MS-GPREG] 2.2.1 lays them out, written here from the specification
/// (not with the tool's RegistryPolWriter): "PReg", version 1, then [key;value;type;size;data] in UTF-16LE.</summary>
public static class PolBytes
{
    public static byte[] Of(params (string Key, string Value, uint Type, byte[] Data)[] entries)
    {
        var bytes = new List<byte>(FormatFacts.PolHeader.ToArray());
        foreach (var (key, value, type, data) in entries)
        {
            bytes.AddRange(Encoding.Unicode.GetBytes($"[{key}\0;{value}\0;"));
            bytes.AddRange(BitConverter.GetBytes(type));
            bytes.AddRange(Encoding.Unicode.GetBytes(";"));
            bytes.AddRange(BitConverter.GetBytes((uint)data.Length));
            bytes.AddRange(Encoding.Unicode.GetBytes(";"));
            bytes.AddRange(data);
            bytes.AddRange(Encoding.Unicode.GetBytes("]"));
        }

        return [.. bytes];
    }

    /// <summary>REG_SZ data: UTF-16LE with its NUL.</summary>
    public static byte[] Sz(string text) => Encoding.Unicode.GetBytes(text + "\0");
}
