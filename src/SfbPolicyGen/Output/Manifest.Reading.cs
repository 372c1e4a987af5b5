using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>Reading manifest.json back. System.Text.Json's source-generated reader (no reflection, no
/// document object model) fills plain records that mirror the file as it streams in, hashed on the
/// way, then every field is checked as the tool wrote it; a manifest that is not one this tool wrote
/// is refused whole. (A JsonDocument of a thousand tenants' manifest, tens of thousands of entries,
/// held as much memory again as the file, and left it in the shared array pool for the whole run.)</summary>
public static partial class Manifest
{
    /// <summary>What a previous run left; <see cref="ManifestContent.None"/> when there is no manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is not one this tool wrote (corrupt or edited by hand).</exception>
    /// <param name="registry">The kinds of artifact the manifest may name (<see cref="ConcernRegistry.Default"/> unless a test adds some).</param>
    public static ManifestContent Load(string outDirectory, ConcernRegistry? registry = null)
    {
        registry ??= ConcernRegistry.Default;
        var path = System.IO.Path.Combine(outDirectory, FileName);
        if (!File.Exists(path))
        {
            return ManifestContent.None;
        }

        try
        {
            ManifestFileJson file;
            using var sha256 = SHA256.Create();
            using (var hashing = new CryptoStream(File.OpenRead(path), sha256, CryptoStreamMode.Read))
            {
                file = JsonSerializer.Deserialize(hashing, registry == ConcernRegistry.Default ? ManifestJson.Default.ManifestFile : ReadingWith(registry)) ?? throw new FormatException("it is null");
                hashing.CopyTo(Stream.Null); // to its end, for the hash
            }

            var writing = file.State == "writing";
            var names = (file.Artifacts ?? throw new FormatException("it has no artifacts")).Names;
            var entries = file.Artifacts.Entries;
            var owned = new OwnedFiles(entries);
            var interrupted = new HashSet<string>(StringComparer.Ordinal);
            if (writing)
            {
                foreach (var (index, previous) in file.Artifacts.PreviousSha256)
                {
                    var entry = entries[index];
                    owned.Add(entry.Tenant, entry.Path, entry.Kind, [entry.Sha256, previous]);
                    interrupted.Add(entry.Tenant);
                }

                foreach (var stale in file.Stale ?? throw new FormatException("the journal has no stale list"))
                {
                    var tenant = names.Shared(Text(stale.Tenant, "tenant"));
                    var stalePath = SafePath(stale.Path);
                    owned.Add(tenant, stalePath, Kind(stale.Kind, registry), [Hash(stale.Sha256, "sha256", stalePath)]);
                    interrupted.Add(tenant);
                }
            }

            return new ManifestContent(
                writing ? ManifestState.Interrupted : ManifestState.Complete,
                entries,
                owned,
                (file.Tenants ?? []).Select(t => ReadFacts(t, registry)).ToDictionary(f => f.Tenant, StringComparer.Ordinal),
                interrupted,
                Sha256Hash.From(sha256.Hash!));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a manifest written by sfbpolicygen (corrupt or edited by hand: {ex.Message}); "
                + "restore it from version control, or delete it and run generate again (files it listed are then left alone)", ex);
        }
    }

    /// <summary>An entry of the file, checked as this tool writes it.</summary>
    internal static ManifestEntry Entry(EntryJson artifact, SharedNames names, ConcernRegistry registry) => new(
        names.Shared(Text(artifact.Tenant, "tenant")),
        Kind(artifact.Kind, registry),
        SafePath(artifact.Path),
        Hash(artifact.Sha256, "sha256", artifact.Path),
        artifact.Bytes ?? throw new FormatException("an entry has no bytes"),
        artifact.Language,
        artifact.Domain is { } domain ? names.Shared(domain) : null);

    private static TenantFacts ReadFacts(TenantJson tenant, ConcernRegistry registry) => new(
        Text(tenant.Name, "name"),
        Groups(tenant.TrustModelData, g => (g.Clients, Strings(g.Value))),
        Groups(tenant.Dns, g => (g.Domains, Records(g.Records))),
        tenant.Retired?.Domains is { } domains ? Strings(domains) : [],
        tenant.Retired?.Clients is { } clients ? Strings(clients) : [])
    {
        // A group without "published" owns nothing more than its records.
        DnsPublished = Groups(tenant.Dns?.Where(g => g.Published is not null).ToList(), g => (g.Domains, Records(g.Published))),
        DnsManage = tenant.DnsManage is { } manage ? Strings(manage) : [],
        DnsKeep = tenant.DnsKeep is { } keep ? Strings(keep) : [],
        GpoName = tenant.Gpo is { } gpo ? Text(gpo, "gpo") : null,
        Declared = [.. (tenant.Declared ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => registry.FactOf(p.Key) is { } kind
            ? new DeclaredFact(kind, kind.ReadValue(p.Value))
            : throw new FormatException($"'{p.Key}' is not a fact this version keeps"))
            .OrderBy(d => registry.Facts.IndexOf(d.Kind))],
    };

    private static ImmutableArray<RecordFact> Records(List<RecordJson>? records) =>
        [.. (records ?? throw new FormatException("a group has no records")).Select(r => new RecordFact(Text(r.Name, "name"), Text(r.Type, "type"), Text(r.Data, "data"), r.Ttl ?? throw new FormatException("a record has no ttl")))];

    /// <summary>Groups of keys sharing one value (as <see cref="WriteFacts"/> writes them) back to one entry per key.</summary>
    private static ImmutableSortedDictionary<string, ImmutableArray<T>> Groups<TGroup, T>(List<TGroup>? groups, Func<TGroup, (List<string?>? Keys, ImmutableArray<T> Value)> read)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<T>>(StringComparer.Ordinal);
        foreach (var group in groups ?? [])
        {
            var (keys, value) = read(group);
            foreach (var key in Strings(keys ?? throw new FormatException("a group has no keys")))
            {
                result.Add(key, value);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The manifest's reader for a registry other than the default: its artifacts list resolves
    /// kinds through that registry (the serializer makes the list; the modifier hands it the registry).</summary>
    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ManifestFileJson> ReadingWith(ConcernRegistry registry)
    {
        var options = new JsonSerializerOptions(ManifestJson.Default.Options)
        {
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(ManifestJson.Default, info =>
            {
                if (info.Type == typeof(ArtifactsJson))
                {
                    info.CreateObject = () => new ArtifactsJson(registry);
                }
            }),
        };
        return (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ManifestFileJson>)options.GetTypeInfo(typeof(ManifestFileJson));
    }

    private static ArtifactKind Kind(string? kind, ConcernRegistry registry) =>
        registry.KindOf(Text(kind, "kind")) ?? throw new FormatException($"'{kind}' is not a kind of artifact this version writes");

    /// <summary>A path from the manifest: relative, '/'-separated, never leaving the folder.</summary>
    private static string SafePath(string? path)
    {
        var file = Text(path, "path");
        if (!OutputFolder.StaysInside(file))
        {
            throw new FormatException($"the path '{file}' leaves the output folder");
        }

        return file;
    }

    private static string Text(string? value, string name) => value is { Length: > 0 } ? value : throw new FormatException($"an entry has no {name}");

    internal static Sha256Hash Hash(string? value, string name, string? path) =>
        Sha256Hash.ParseLowerHex(Text(value, name)) ?? throw new FormatException($"'{name}' of {path} is not a SHA-256");

    private static ImmutableArray<string> Strings(List<string?>? list) =>
        [.. (list ?? throw new FormatException("a list is missing")).Select(e => e ?? throw new FormatException("a list holds a non-string"))];
}

// The shapes of manifest.json as read (Manifest's header comment shows them); every field may be
// missing or null in a file edited by hand, and Manifest.Load says which.
internal sealed record ManifestFileJson(string? State, ArtifactsJson? Artifacts, List<TenantJson>? Tenants, List<StaleJson>? Stale);

internal sealed record EntryJson(string? Tenant, string? Kind, string? Path, string? Sha256, long? Bytes, string? Language, string? Domain, string? PreviousSha256);

/// <summary>The artifacts array as System.Text.Json fills it, one entry at a time (it calls Add for
/// each, and keeps reading the file in small buffers, as for any list): each entry is checked and kept
/// as a <see cref="ManifestEntry"/> as soon as it is read, with one string per tenant name and domain.
/// A list of the raw entries would hold every field of tens of thousands of entries a second time,
/// at the moment the run's memory peaks (a thousand tenants: about 25 MB).</summary>
internal sealed class ArtifactsJson(ConcernRegistry registry) : Collection<EntryJson>
{
    public ArtifactsJson()
        : this(ConcernRegistry.Default)
    {
    }

    public List<ManifestEntry> Entries { get; } = [];

    /// <summary>The hash each file had before, by index in <see cref="Entries"/> (a journal's files that change).</summary>
    public Dictionary<int, Sha256Hash> PreviousSha256 { get; } = [];

    public SharedNames Names { get; } = new();

    protected override void InsertItem(int index, EntryJson item)
    {
        var entry = Manifest.Entry(item, Names, registry);
        if (item.PreviousSha256 is not null)
        {
            PreviousSha256[Entries.Count] = Manifest.Hash(item.PreviousSha256, "previousSha256", entry.Path);
        }

        Entries.Add(entry); // and not the raw entry: the collection itself stays empty
    }
}

/// <summary>One string per distinct text: tenant names and domains repeat on every entry of a tenant.</summary>
internal sealed class SharedNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Shared(string text)
    {
        if (_names.TryGetValue(text, out var known))
        {
            return known;
        }

        _names.Add(text);
        return text;
    }
}

internal sealed record StaleJson(string? Tenant, string? Kind, string? Path, string? Sha256);

/// <summary>A tenant's facts as read: settable properties rather than a constructor, since the concerns'
/// declared facts are the properties not named here (<see cref="Declared"/>, System.Text.Json's extension data).</summary>
internal sealed class TenantJson
{
    public string? Name { get; init; }

    public List<TrustGroupJson>? TrustModelData { get; init; }

    public string? Gpo { get; init; }

    public List<DnsGroupJson>? Dns { get; init; }

    public List<string?>? DnsManage { get; init; }

    public List<string?>? DnsKeep { get; init; }

    public RetiredJson? Retired { get; init; }

    /// <summary>The properties not named above: the concerns' declared facts (<see cref="TenantFacts.Declared"/>).</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, JsonElement>? Declared { get; set; }
}


internal sealed record TrustGroupJson(List<string?>? Clients, List<string?>? Value);

internal sealed record DnsGroupJson(List<string?>? Domains, List<RecordJson>? Records, List<RecordJson>? Published);

internal sealed record RecordJson(string? Name, string? Type, string? Data, int? Ttl);

internal sealed record RetiredJson(List<string?>? Domains, List<string?>? Clients);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ManifestFileJson), TypeInfoPropertyName = "ManifestFile")]
internal sealed partial class ManifestJson : JsonSerializerContext;
