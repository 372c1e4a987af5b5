using System.Text.Json;

namespace SfbPolicyGen.Output;

public sealed record ManifestEntry(string Tenant, string Kind, string Path, string Sha256, long Bytes, string? Language, string? Domain);

/// <summary>out/manifest.json: <c>{"artifacts": [{"tenant","kind","path","sha256","bytes"[,"language"|"domain"]}]}</c>,
/// sorted by path, written by hand with Utf8JsonWriter (fixed key order, LF, no reflection).
/// It is also how generate knows which files it owns: only those are ever removed.</summary>
public static class Manifest
{
    public static byte[] Serialize(IEnumerable<ManifestEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
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

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The paths a previous run recorded; empty when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote.</exception>
    public static IReadOnlyList<string> ReadPaths(string outDirectory) => [.. ReadEntries(outDirectory).Select(e => e.Path)];

    /// <summary>The (path, kind) of each artifact a previous run recorded; empty when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote.</exception>
    public static IReadOnlyList<(string Path, string Kind)> ReadEntries(string outDirectory)
    {
        var path = System.IO.Path.Combine(outDirectory, Writers.ArtifactPaths.Manifest);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return [.. document.RootElement.GetProperty("artifacts").EnumerateArray().Select(a => (
                a.GetProperty("path").GetString() ?? throw new InvalidDataException("a path is null"),
                a.GetProperty("kind").GetString() ?? throw new InvalidDataException("a kind is null")))];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a manifest written by sfbpolicygen: {ex.Message}", ex);
        }
    }
}
