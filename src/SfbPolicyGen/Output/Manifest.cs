using System.Text.Json;

namespace SfbPolicyGen.Output;

public sealed record ManifestEntry(string Tenant, string Kind, string Path, string Sha256, long Bytes, string? Language, string? Domain);

/// <summary>A file a previous run wrote: its path, kind, and the hashes it may have (one; two while a
/// run that was writing it stopped half-way: the old and the new).</summary>
public sealed record OwnedFile(string Path, string Kind, IReadOnlySet<string> Sha256s);

/// <summary>out/manifest.json: <c>{"artifacts": [{"tenant","kind","path","sha256","bytes"[,"language"|"domain"]}]}</c>,
/// sorted by path, written by hand with Utf8JsonWriter (fixed key order, LF, no reflection).
/// It is also how generate knows which files it owns: only those are ever removed, and only while
/// their bytes are still those it wrote.
/// While generate moves files into place, the manifest is a journal instead:
/// <c>{"state": "writing", "artifacts": [... "previousSha256"], "stale": [{"tenant","kind","path","sha256"}]}</c>,
/// so that a run killed half-way leaves a folder where every file is its old or new version and the
/// manifest says which two it may be; the next run finishes the job.</summary>
public static class Manifest
{
    public static byte[] Serialize(IEnumerable<ManifestEntry> entries) => Serialize(entries, null, null);

    /// <summary>The journal written before files move: the new entries with the hash each file had
    /// before (if it changes), and the files about to be removed.</summary>
    public static byte[] SerializeJournal(IEnumerable<ManifestEntry> entries, IReadOnlyDictionary<string, string> previousSha256, IEnumerable<OwnedFile> stale) =>
        Serialize(entries, previousSha256, stale);

    private static byte[] Serialize(IEnumerable<ManifestEntry> entries, IReadOnlyDictionary<string, string>? previousSha256, IEnumerable<OwnedFile>? stale)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            if (stale is not null)
            {
                json.WriteString("state", "writing");
            }

            json.WriteStartArray("artifacts");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("tenant", entry.Tenant);
                json.WriteString("kind", entry.Kind);
                json.WriteString("path", entry.Path);
                json.WriteString("sha256", entry.Sha256);
                json.WriteNumber("bytes", entry.Bytes);
                if (entry.Language is not null)
                {
                    json.WriteString("language", entry.Language);
                }

                if (entry.Domain is not null)
                {
                    json.WriteString("domain", entry.Domain);
                }

                if (previousSha256 is not null && previousSha256.TryGetValue(entry.Path, out var previous))
                {
                    json.WriteString("previousSha256", previous);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (stale is not null)
            {
                json.WriteStartArray("stale");
                foreach (var file in stale)
                {
                    foreach (var sha in file.Sha256s.Order(StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("kind", file.Kind);
                        json.WriteString("path", file.Path);
                        json.WriteString("sha256", sha);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The paths a previous run recorded; empty when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote.</exception>
    public static IReadOnlyList<string> ReadPaths(string outDirectory) => [.. Read(outDirectory).Select(f => f.Path)];

    /// <summary>The (path, kind) of each artifact a previous run recorded; empty when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote.</exception>
    public static IReadOnlyList<(string Path, string Kind)> ReadEntries(string outDirectory) => [.. Read(outDirectory).Select(f => (f.Path, f.Kind))];

    /// <summary>Every file a previous run owns, with the hashes it may have; empty when there is no
    /// manifest. A journal (a run stopped while writing) owns its new files, the old versions and the
    /// files it was removing.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote (corrupt or edited by hand).</exception>
    public static IReadOnlyList<OwnedFile> Read(string outDirectory)
    {
        var path = System.IO.Path.Combine(outDirectory, Writers.ArtifactPaths.Manifest);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var files = new Dictionary<string, (string Kind, HashSet<string> Hashes)>(StringComparer.Ordinal);
            void Add(JsonElement entry, bool withPrevious)
            {
                var file = Text(entry, "path");
                if (file.StartsWith('/') || file.Contains('\\', StringComparison.Ordinal) || file.Split('/').Any(part => part is "" or "." or ".."))
                {
                    throw new FormatException($"the path '{file}' leaves the output folder");
                }

                var hashes = new HashSet<string>(StringComparer.Ordinal) { Hash(entry, "sha256") };
                if (withPrevious && entry.TryGetProperty("previousSha256", out _))
                {
                    hashes.Add(Hash(entry, "previousSha256"));
                }

                if (files.TryGetValue(file, out var known))
                {
                    known.Hashes.UnionWith(hashes);
                }
                else
                {
                    files[file] = (Text(entry, "kind"), hashes);
                }
            }

            var writing = root.TryGetProperty("state", out var state) && state.GetString() == "writing";
            foreach (var entry in root.GetProperty("artifacts").EnumerateArray())
            {
                Add(entry, writing);
            }

            if (writing)
            {
                foreach (var entry in root.GetProperty("stale").EnumerateArray())
                {
                    Add(entry, false);
                }
            }

            return [.. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new OwnedFile(f.Key, f.Value.Kind, f.Value.Hashes))];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a manifest written by sfbpolicygen (corrupt or edited by hand: {ex.Message}); "
                + "restore it from version control, or delete it and run generate again (files it listed are then left alone)", ex);
        }
    }

    private static string Text(JsonElement entry, string name) =>
        entry.GetProperty(name).GetString() is { Length: > 0 } value ? value : throw new FormatException($"an entry has no {name}");

    private static string Hash(JsonElement entry, string name) =>
        Text(entry, name) is { Length: 64 } hash && hash.All(char.IsAsciiHexDigitLower) ? hash : throw new FormatException($"'{name}' of {Text(entry, "path")} is not a SHA-256");
}
