using System.Security.Cryptography;

namespace SfbPolicyGen.Output;

/// <summary>One file as it will be on disk.</summary>
public sealed record OutputFile(string Path, byte[] Bytes, ArtifactFormat Format);

/// <summary>Everything one run produces, already encoded, in ordinal path order, the manifest last.
/// Built completely in memory before anything on disk is touched.</summary>
public sealed class GeneratedTree
{
    private static readonly ArtifactFormat ManifestFormat = new("manifest", false, false, "\n");

    public GeneratedTree(IEnumerable<Artifact> artifacts)
    {
        var entries = artifacts
            .Select(a => (Artifact: a, File: new OutputFile(a.Path, ArtifactFormat.For(a.Kind).Encode(a), ArtifactFormat.For(a.Kind))))
            .OrderBy(e => e.Artifact.Path, StringComparer.Ordinal)
            .ToList();
        var duplicate = entries.GroupBy(e => e.Artifact.Path, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two artifacts share the path {duplicate.Key}");
        }

        Entries = [.. entries.Select(e => new ManifestEntry(
            e.Artifact.Tenant, e.File.Format.ManifestName, e.Artifact.Path, Convert.ToHexStringLower(SHA256.HashData(e.File.Bytes)), e.File.Bytes.Length, e.Artifact.Language, e.Artifact.Domain))];
        var manifest = Manifest.Serialize(Entries);
        Files = [.. entries.Select(e => e.File), new OutputFile(Writers.ArtifactPaths.Manifest, manifest, ManifestFormat)];
        Tenants = [.. entries.Select(e => e.Artifact.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<OutputFile> Files { get; }

    /// <summary>The manifest's entries: every file but the manifest, with its hash.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>The tenants of the run, ordinal order; each owns the folder of its name.</summary>
    public IReadOnlyList<string> Tenants { get; }
}
