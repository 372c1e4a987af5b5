using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;
using SfbPolicyGen.Diagnostics;

namespace SfbPolicyGen.Loading;

/// <summary>The policy files a command line names. Each argument is a file (read as given, whatever its
/// extension), a folder (every *.yaml and *.yml below it, hidden folders skipped), or a pattern with
/// '*' or '**' that the tool expands itself, so that a quoted pattern works the same in every shell
/// and CI (Microsoft.Extensions.FileSystemGlobbing). Folders and patterns take only *.yaml and *.yml,
/// so a folder of tenants never picks up policies.schema.json. A file reached twice is read once, also
/// through a symbolic link (a link in a folder of tenants to a shared file, or to one beside it).
/// Order: the arguments' order; within a folder or pattern, ordinal order of the path.</summary>
public static class PolicyFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <returns>The files to read, as they are shown in diagnostics (the argument, then the path below it).</returns>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> arguments, DiagnosticBag diagnostics)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var found = FilesOf(argument, diagnostics);
            foreach (var file in found)
            {
                if (seen.Add(Resolved(file, folders)))
                {
                    files.Add(file);
                }
            }
        }

        return files;
    }

    /// <summary>The file's path with every symbolic link on the way resolved (a link to a file, and the
    /// folders above it, themselves links or not), so that two ways to one file compare equal.
    /// Each folder is resolved once per run (<paramref name="folders"/>), and a file's own link read only
    /// when its attributes say it is one: no readlink per path part or per file (issue 14's budget,
    /// FileSystemCallTests). Past 40 links (Linux's limit, ELOOP) it stops: a loop is read as named.</summary>
    private static string Resolved(string file, Dictionary<string, string> folders, int links = 0)
    {
        var full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is not { } folder || links > 40)
        {
            return full;
        }

        if (!folders.TryGetValue(folder, out var resolvedFolder))
        {
            resolvedFolder = Resolved(folder, folders, links);
            folders[folder] = resolvedFolder;
        }

        var path = Path.Join(resolvedFolder, Path.GetFileName(full));
        var info = new FileInfo(path);
        var isLink = info.Attributes is var attributes && attributes != (FileAttributes)(-1) && attributes.HasFlag(FileAttributes.ReparsePoint); // -1: not there
        return isLink && info.LinkTarget is { } target ? Resolved(Path.Combine(resolvedFolder, target), folders, links + 1) : path;
    }

    private static List<string> FilesOf(string argument, DiagnosticBag diagnostics)
    {
        if (File.Exists(argument))
        {
            return [argument];
        }

        if (Directory.Exists(argument))
        {
            var below = PolicyFilesBelow(argument, "**/*");
            if (below.Count == 0)
            {
                NotFound(argument, "this folder holds no policy file (*.yaml, *.yml)", diagnostics);
            }

            return below;
        }

        if (argument.Contains('*', StringComparison.Ordinal))
        {
            var (root, pattern) = SplitPattern(argument);
            var matched = Directory.Exists(root.Length == 0 ? "." : root) ? PolicyFilesBelow(root, pattern) : [];
            if (matched.Count == 0)
            {
                NotFound(argument, "no policy file (*.yaml, *.yml) matches this pattern", diagnostics);
            }

            return matched;
        }

        NotFound(argument, "file not found", diagnostics);
        return [];
    }

    private static void NotFound(string argument, string why, DiagnosticBag diagnostics) =>
        diagnostics.Error(DiagnosticCodes.FileNotFound, SourceSpan.StartOf(argument), why);

    /// <summary>The *.yaml and *.yml files under <paramref name="root"/> that <paramref name="pattern"/>
    /// matches, hidden folders (.git, .sfbpolicygen-staging) skipped, shown as root/relative.</summary>
    private static List<string> PolicyFilesBelow(string root, string pattern)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        matcher.AddExclude("**/.*/**");
        var result = matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(root.Length == 0 ? "." : root)));
        return
        [
            .. result.Files
                .Select(f => f.Path)
                .Where(p => Extensions.Any(e => p.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)
                .Select(p => root.Length == 0 ? p : Path.Join(root, p)),
        ];
    }

    /// <summary>"tenants/*.yaml" → ("tenants", "*.yaml"); "**/*.yaml" → ("", "**/*.yaml"): the folders
    /// before the first part with a wildcard are where matching starts.</summary>
    private static (string Root, string Pattern) SplitPattern(string argument)
    {
        var parts = argument.Replace('\\', '/').Split('/');
        var first = Array.FindIndex(parts, p => p.Contains('*', StringComparison.Ordinal));
        var root = string.Join('/', parts[..first]);
        return (argument.StartsWith('/') && root.Length == 0 ? "/" : root, string.Join('/', parts[first..]));
    }
}
