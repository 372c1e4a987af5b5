using System.Collections.Immutable;
using System.Text.Json;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

public sealed record ManifestEntry(string Tenant, ArtifactKind Kind, string Path, string Sha256, long Bytes, string? Language, string? Domain);

/// <summary>A file a previous run wrote: its tenant, path, kind, and the hashes it may have (one; two
/// while a run that was writing it stopped half-way: the old and the new).</summary>
public sealed record OwnedFile(string Tenant, string Path, ArtifactKind Kind, IReadOnlySet<string> Sha256s);

public enum ManifestState
{
    /// <summary>No manifest: no run has written this folder.</summary>
    Absent,

    /// <summary>The last run finished.</summary>
    Complete,

    /// <summary>The last run stopped while moving files (the manifest is its journal).</summary>
    Interrupted,
}

/// <summary>What a previous run left in the folder's manifest.</summary>
/// <param name="Entries">The artifacts it lists (for a journal: those the stopped run was writing).</param>
/// <param name="Owned">Every file a previous run owns, with the hashes it may have.</param>
/// <param name="Facts">What each tenant deploys, by tenant name (for a journal: once the stopped run
/// completes); a tenant is missing when the manifest was written before facts were kept.</param>
/// <param name="Interrupted">For a journal: the tenants whose files the stopped run was changing or
/// removing (their files may be old or new).</param>
public sealed record ManifestContent(
    ManifestState State,
    IReadOnlyList<ManifestEntry> Entries,
    IReadOnlyList<OwnedFile> Owned,
    IReadOnlyDictionary<string, TenantFacts> Facts,
    IReadOnlySet<string> Interrupted)
{
    public static readonly ManifestContent None = new(ManifestState.Absent, [], [], new Dictionary<string, TenantFacts>(), new HashSet<string>());
}

/// <summary>out/manifest.json, written by hand with Utf8JsonWriter (fixed key order, LF, no reflection):
/// <code>
/// {"artifacts": [{"tenant","kind","path","sha256","bytes"[,"language"|"domain"]}],   sorted by path
///  "tenants": [{"name", "trustModelData": [{"clients","value"}], "dns": [{"domains","records"}],
///               "tmg": {"app key": "value"}, "activeDirectory": [dn]}]}                sorted by name
/// </code>
/// It is how generate knows which files it owns (only those are ever removed, and only while their
/// bytes are still those it wrote), and how plan knows what the last run deployed.
/// While generate moves files into place, the manifest is a journal instead:
/// <c>{"state": "writing", "artifacts": [... "previousSha256"], "tenants": [...], "stale": [{"tenant","kind","path","sha256"}]}</c>,
/// so that a run killed half-way leaves a folder where every file is its old or new version and the
/// manifest says which two it may be; the next run finishes the job.</summary>
public static partial class Manifest
{
    public const string FileName = "manifest.json";

    public static byte[] Serialize(IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts) => Serialize(entries, facts, null, null);

    /// <summary>The journal written before files move: the new entries with the hash each file had
    /// before (if it changes), the new facts, and the files about to be removed.</summary>
    public static byte[] SerializeJournal(IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts, IReadOnlyDictionary<string, string> previousSha256, IEnumerable<OwnedFile> stale) =>
        Serialize(entries, facts, previousSha256, stale);

    private static byte[] Serialize(IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts>? facts, IReadOnlyDictionary<string, string>? previousSha256, IEnumerable<OwnedFile>? stale)
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
                json.WriteString("kind", ArtifactFormat.For(entry.Kind).ManifestName);
                json.WriteString("path", entry.Path);
                json.WriteString("sha256", entry.Sha256);
                json.WriteNumber("bytes", entry.Bytes);
                WriteIfSet(json, "language", entry.Language);
                WriteIfSet(json, "domain", entry.Domain);
                if (previousSha256 is not null && previousSha256.TryGetValue(entry.Path, out var previous))
                {
                    json.WriteString("previousSha256", previous);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (facts is not null)
            {
                WriteFacts(json, facts);
            }

            if (stale is not null)
            {
                json.WriteStartArray("stale");
                foreach (var file in stale)
                {
                    foreach (var sha in file.Sha256s.Order(StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("tenant", file.Tenant);
                        json.WriteString("kind", ArtifactFormat.For(file.Kind).ManifestName);
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

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>What a previous run left; <see cref="ManifestContent.None"/> when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote (corrupt or edited by hand).</exception>
    public static ManifestContent Load(string outDirectory)
    {
        var path = System.IO.Path.Combine(outDirectory, FileName);
        if (!File.Exists(path))
        {
            return ManifestContent.None;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var writing = root.TryGetProperty("state", out var state) && state.GetString() == "writing";
            var entries = root.GetProperty("artifacts").EnumerateArray().Select(ReadEntry).ToList();
            var owned = new Dictionary<string, (string Tenant, ArtifactKind Kind, HashSet<string> Hashes)>(StringComparer.Ordinal);
            var interrupted = new HashSet<string>(StringComparer.Ordinal);
            void Own(string tenant, string file, ArtifactKind kind, IEnumerable<string> hashes)
            {
                if (owned.TryGetValue(file, out var known))
                {
                    known.Hashes.UnionWith(hashes);
                }
                else
                {
                    owned[file] = (tenant, kind, new HashSet<string>(hashes, StringComparer.Ordinal));
                }
            }

            foreach (var (entry, element) in entries.Zip(root.GetProperty("artifacts").EnumerateArray()))
            {
                var changing = writing && element.TryGetProperty("previousSha256", out _);
                Own(entry.Tenant, entry.Path, entry.Kind, changing ? [entry.Sha256, Hash(element, "previousSha256")] : [entry.Sha256]);
                if (changing)
                {
                    interrupted.Add(entry.Tenant);
                }
            }

            if (writing)
            {
                foreach (var element in root.GetProperty("stale").EnumerateArray())
                {
                    Own(Text(element, "tenant"), SafePath(element), Kind(element), [Hash(element, "sha256")]);
                    interrupted.Add(Text(element, "tenant"));
                }
            }

            var facts = root.TryGetProperty("tenants", out var tenants)
                ? tenants.EnumerateArray().Select(ReadFacts).ToDictionary(f => f.Tenant, StringComparer.Ordinal)
                : [];
            return new ManifestContent(
                writing ? ManifestState.Interrupted : ManifestState.Complete,
                entries,
                [.. owned.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new OwnedFile(f.Value.Tenant, f.Key, f.Value.Kind, f.Value.Hashes))],
                facts,
                interrupted);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a manifest written by sfbpolicygen (corrupt or edited by hand: {ex.Message}); "
                + "restore it from version control, or delete it and run generate again (files it listed are then left alone)", ex);
        }
    }

    private static ManifestEntry ReadEntry(JsonElement entry) => new(
        Text(entry, "tenant"),
        Kind(entry),
        SafePath(entry),
        Hash(entry, "sha256"),
        entry.GetProperty("bytes").GetInt64(),
        entry.TryGetProperty("language", out var language) ? language.GetString() : null,
        entry.TryGetProperty("domain", out var domain) ? domain.GetString() : null);

    private static ArtifactKind Kind(JsonElement entry) =>
        ArtifactFormat.KindOf(Text(entry, "kind")) ?? throw new FormatException($"'{Text(entry, "kind")}' is not a kind of artifact this version writes");

    /// <summary>A path from the manifest: relative, '/'-separated, never leaving the folder.</summary>
    private static string SafePath(JsonElement entry)
    {
        var file = Text(entry, "path");
        if (file.StartsWith('/') || file.Contains('\\', StringComparison.Ordinal) || file.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new FormatException($"the path '{file}' leaves the output folder");
        }

        return file;
    }

    private static string Text(JsonElement entry, string name) =>
        entry.GetProperty(name).GetString() is { Length: > 0 } value ? value : throw new FormatException($"an entry has no {name}");

    private static string Hash(JsonElement entry, string name) =>
        Text(entry, name) is { Length: 64 } hash && hash.All(char.IsAsciiHexDigitLower) ? hash : throw new FormatException($"'{name}' of {Text(entry, "path")} is not a SHA-256");

    private static ImmutableArray<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("a list holds a non-string"))];
}
