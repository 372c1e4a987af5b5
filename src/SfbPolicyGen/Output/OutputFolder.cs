using DiffPlex.Renderer;

namespace SfbPolicyGen.Output;

public sealed record WriteSummary(int Written, int Unchanged, int Removed);

public enum DifferenceKind
{
    Missing,
    Changed,
    Extra,
}

public sealed record Difference(string Path, DifferenceKind Kind, string? UnifiedDiff);

/// <summary>The only code that touches the output folder. Writes are staged, then moved into place
/// (a rename is atomic on one file system), only for files whose bytes changed; the manifest goes
/// last. Files of the previous manifest that are no longer produced are removed; nothing else in
/// the folder is ever touched.</summary>
public static class OutputFolder
{
    public const string StagingName = ".sfbpolicygen-staging";

    public static WriteSummary Write(string outDirectory, GeneratedTree tree)
    {
        Directory.CreateDirectory(outDirectory);
        var previous = Manifest.ReadPaths(outDirectory);
        var staging = Path.Combine(outDirectory, StagingName);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        var moves = new List<(string Staged, string Final)>();
        var unchanged = 0;
        foreach (var file in tree.Files)
        {
            var final = Resolve(outDirectory, file.Path);
            if (File.Exists(final) && File.ReadAllBytes(final).AsSpan().SequenceEqual(file.Bytes))
            {
                unchanged++;
                continue;
            }

            var staged = Path.Combine(staging, moves.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(file.Bytes);
                stream.Flush(flushToDisk: true);
            }

            moves.Add((staged, final));
        }

        foreach (var (staged, final) in moves)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(staged, final, overwrite: true);
        }

        var produced = tree.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var stale in previous.Where(p => !produced.Contains(p)))
        {
            var full = Resolve(outDirectory, stale);
            if (File.Exists(full))
            {
                File.Delete(full);
                removed++;
                PruneEmptyParents(outDirectory, full);
            }
        }

        Directory.Delete(staging, recursive: true);
        return new WriteSummary(moves.Count, unchanged, removed);
    }

    /// <summary>What <see cref="Write"/> would change, without writing: missing, changed (with a
    /// unified diff of the decoded text) and extra files (in the folder's manifest, no longer produced).</summary>
    public static IReadOnlyList<Difference> Compare(string outDirectory, GeneratedTree tree)
    {
        var differences = new List<Difference>();
        foreach (var file in tree.Files)
        {
            var full = Resolve(outDirectory, file.Path);
            if (!File.Exists(full))
            {
                differences.Add(new Difference(file.Path, DifferenceKind.Missing, null));
                continue;
            }

            var actual = File.ReadAllBytes(full);
            if (!actual.AsSpan().SequenceEqual(file.Bytes))
            {
                var diff = UnidiffRenderer.GenerateUnidiff(file.Format.Decode(actual), file.Format.Decode(file.Bytes), $"a/{file.Path}", $"b/{file.Path}", ignoreWhitespace: false);
                differences.Add(new Difference(file.Path, DifferenceKind.Changed, string.IsNullOrEmpty(diff) ? "(the bytes differ: encoding, byte order mark or line endings)" : diff));
            }
        }

        var produced = tree.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (Directory.Exists(outDirectory))
        {
            foreach (var stale in Manifest.ReadPaths(outDirectory).Where(p => !produced.Contains(p) && File.Exists(Resolve(outDirectory, p))))
            {
                differences.Add(new Difference(stale, DifferenceKind.Extra, null));
            }
        }

        return [.. differences.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }

    /// <summary>A manifest path to a full path inside the folder; anything that would leave it is refused.</summary>
    internal static string Resolve(string outDirectory, string relative)
    {
        var root = Path.GetFullPath(outDirectory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the path '{relative}' leaves the output folder");
        }

        return full;
    }

    private static void PruneEmptyParents(string outDirectory, string removedFile)
    {
        var root = Path.GetFullPath(outDirectory);
        for (var dir = Path.GetDirectoryName(removedFile); dir is not null && dir.Length > root.Length && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
        {
            Directory.Delete(dir);
        }
    }
}
