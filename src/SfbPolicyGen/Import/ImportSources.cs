using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>The files and folders <c>import</c> is given, each sent to its reader by what it is:
/// a folder is a GPO backup; a file starting with "PReg" (or named *.pol) is a Registry.pol; a file
/// starting with a UTF-16 byte order mark, "REGEDIT4" or "Windows Registry Editor" (or named *.reg) is
/// a .reg export; any other file is a BIND zone file. Order: the command line's.</summary>
public static class ImportSources
{
    /// <summary>Each file import reads is refused beyond this before it is parsed: an export of the
    /// client keys, a GPO's registry.pol or a zone file is a few kilobytes.</summary>
    public const int MaxSourceBytes = 10 * 1024 * 1024;

    public static void Read(IReadOnlyList<string> sources, ImportFindings findings, DiagnosticBag diagnostics)
    {
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                GpoBackupReader.Read(source, findings, diagnostics);
            }
            else if (Classify(source, diagnostics) && ReadBytes(source, diagnostics) is { } bytes)
            {
                Action<string, byte[], ImportFindings, DiagnosticBag> read = Sniff(source, bytes) switch
                {
                    FileKind.RegistryPol => (file, data, found, bag) => RegistryPolReader.Read(file, data, HiveOf(file, found), found, bag),
                    FileKind.RegFile => RegFileReader.Read,
                    FileKind.ZoneFile => ZoneFileReader.Read,
                };
                read(source, bytes, findings, diagnostics);
            }
        }
    }

    private enum FileKind
    {
        RegistryPol,
        RegFile,
        ZoneFile,
    }

    /// <summary>SFB040: a source that is not there, or not one import reads (a policy file: that is
    /// what <c>--into</c> adds to).</summary>
    /// <returns>True for a file to read.</returns>
    private static bool Classify(string source, DiagnosticBag diagnostics)
    {
        var problem = !File.Exists(source) ? "file or folder not found"
            : source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                ? $"a policy file is not a source of import: to add to it, use --into {source}"
                : null;
        if (problem is not null)
        {
            diagnostics.Error(DiagnosticCodes.ImportSourceNotFound, SourceSpan.StartOf(source), problem);
        }

        return problem is null;
    }

    /// <summary>SFB041: the bytes of a source file, or null when it is larger than <see cref="MaxSourceBytes"/>.
    /// At most one byte more than the limit is read, whatever size the file claims (a device or a pipe
    /// claims none).</summary>
    internal static byte[]? ReadBytes(string file, DiagnosticBag diagnostics)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; buffer.Length <= MaxSourceBytes && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxSourceBytes + 1 - buffer.Length))) > 0;)
        {
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length > MaxSourceBytes)
        {
            diagnostics.Error(DiagnosticCodes.ImportSourceTooLarge, SourceSpan.StartOf(file), $"the file is larger than {MaxSourceBytes / (1024 * 1024)} MiB; an export of the client keys, a registry.pol or a zone file is a few kilobytes");
            return null;
        }

        return buffer.ToArray();
    }

    private static FileKind Sniff(string file, byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("PReg"u8) || file.EndsWith(".pol", StringComparison.OrdinalIgnoreCase))
        {
            return FileKind.RegistryPol;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || span.StartsWith("REGEDIT4"u8) || span.StartsWith("Windows Registry Editor"u8)
            || file.EndsWith(".reg", StringComparison.OrdinalIgnoreCase)
            ? FileKind.RegFile
            : FileKind.ZoneFile;
    }

    /// <summary>A Registry.pol names no hive: its folder does (a GPO's Machine or User folder).</summary>
    private static string HiveOf(string file, ImportFindings findings)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        if (string.Equals(folder, "User", StringComparison.OrdinalIgnoreCase))
        {
            return "HKEY_CURRENT_USER";
        }

        if (!string.Equals(folder, "Machine", StringComparison.OrdinalIgnoreCase))
        {
            findings.Notes.Add($"{file} is read as a machine policy (HKEY_LOCAL_MACHINE): a Registry.pol names no hive, and its folder is not named User");
        }

        return TrustClient.Hive;
    }
}
