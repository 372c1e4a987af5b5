using System.Security.Cryptography;
using System.Text.Json;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

public sealed record ManifestEntry(string Tenant, ArtifactKind Kind, string Path, Sha256Hash Sha256, long Bytes, string? Language, string? Domain)
{
    /// <summary>For a signed script of this run: its content under the signature block (not written to
    /// the manifest).</summary>
    public SignedContent? UnderSignature { get; init; }

    /// <summary>The entry as a reviewed plan covers it: a signed script by its content, since a plan made
    /// without the key (a pull request has no secrets) cannot know the signature generate will add
    /// (docs/SIGNING.md, "Check and plan without the key").</summary>
    public ManifestEntry Reviewed => UnderSignature is { } content ? this with { Sha256 = content.Sha256, Bytes = content.Bytes, UnderSignature = null } : this;
}

/// <summary>A file a previous run wrote: its tenant, path, kind, and the hashes it may have (one; two
/// while a run that was writing it stopped half-way: the old and the new). A list, not a set: one or two
/// hashes, for each of tens of thousands of files.</summary>
public sealed record OwnedFile(string Tenant, string Path, ArtifactKind Kind, IReadOnlyList<Sha256Hash> Sha256s)
{
    /// <summary>Whether these bytes are still what generate wrote (one of the hashes it may have).</summary>
    public bool Holds(ReadOnlySpan<byte> bytes) => Sha256s.Contains(Sha256Hash.Of(bytes));
}

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
/// <param name="Owned">Every file a previous run owns, with the hashes it may have, by path.</param>
/// <param name="Facts">What each tenant deploys, by tenant name (for a journal: once the stopped run
/// completes); a tenant is missing when the manifest was written before facts were kept.</param>
/// <param name="Interrupted">For a journal: the tenants whose files the stopped run was changing or
/// removing (their files may be old or new).</param>
/// <param name="Sha256">The file's SHA-256 (null when absent), so that a run that changes nothing
/// compares the manifest it would write with the one on disk without reading or keeping the file.</param>
public sealed record ManifestContent(
    ManifestState State,
    IReadOnlyList<ManifestEntry> Entries,
    IReadOnlyDictionary<string, OwnedFile> Owned,
    IReadOnlyDictionary<string, TenantFacts> Facts,
    IReadOnlySet<string> Interrupted,
    Sha256Hash? Sha256)
{
    public static readonly ManifestContent None = new(ManifestState.Absent, [], new Dictionary<string, OwnedFile>(), new Dictionary<string, TenantFacts>(), new HashSet<string>(), null);
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

    public static byte[] Serialize(IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts)
    {
        using var stream = new MemoryStream();
        Write(stream, entries, facts);
        return stream.ToArray();
    }

    /// <summary><see cref="Serialize"/> into a stream: at a thousand tenants the manifest is megabytes,
    /// which the output stage writes (or compares) as it goes rather than holding them.</summary>
    public static void Write(Stream stream, IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts) => Write(stream, entries, facts, null, null);

    /// <summary>The SHA-256 of the manifest these entries and facts make, computed as it is written:
    /// megabytes at a thousand tenants, never held whole.</summary>
    public static Sha256Hash Sha256Of(IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts)
    {
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha256, CryptoStreamMode.Write))
        {
            Write(hashing, entries, facts);
        }

        return Sha256Hash.From(sha256.Hash!);
    }

    /// <summary>The journal written before files move: the new entries with the hash each file had
    /// before (if it changes), the new facts, and the files about to be removed.</summary>
    public static void WriteJournal(Stream stream, IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts> facts, IReadOnlyDictionary<string, Sha256Hash> previousSha256, IEnumerable<OwnedFile> stale) =>
        Write(stream, entries, facts, previousSha256, stale);

    private static void Write(Stream stream, IEnumerable<ManifestEntry> entries, IEnumerable<TenantFacts>? facts, IReadOnlyDictionary<string, Sha256Hash>? previousSha256, IEnumerable<OwnedFile>? stale)
    {
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
                json.WriteString("kind", entry.Kind.ManifestName);
                json.WriteString("path", entry.Path);
                WriteHash(json, "sha256", entry.Sha256);
                json.WriteNumber("bytes", entry.Bytes);
                WriteIfSet(json, "language", entry.Language);
                WriteIfSet(json, "domain", entry.Domain);
                if (previousSha256 is not null && previousSha256.TryGetValue(entry.Path, out var previous))
                {
                    WriteHash(json, "previousSha256", previous);
                }

                json.WriteEndObject();
                FlushWhenFull(json);
            }

            json.WriteEndArray();
            if (facts is not null)
            {
                WriteFacts(json, facts);
            }

            if (stale is not null)
            {
                json.WriteStartArray("stale");
                foreach (var file in stale.OrderBy(f => f.Path, StringComparer.Ordinal))
                {
                    foreach (var sha in file.Sha256s.Select(h => h.ToString()).Order(StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        json.WriteString("tenant", file.Tenant);
                        json.WriteString("kind", file.Kind.ManifestName);
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
    }

    /// <summary>Utf8JsonWriter holds everything it writes until flushed: passed on to the stream every
    /// 64 KiB, the manifest of a thousand tenants never sits whole in memory.</summary>
    private static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending > 64 * 1024)
        {
            json.Flush();
        }
    }

    private static void WriteHash(Utf8JsonWriter json, string name, Sha256Hash hash)
    {
        Span<byte> hex = stackalloc byte[64];
        hash.FormatUtf8(hex);
        json.WriteString(name, hex);
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
