using System.Security.Cryptography;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>One file as it will be on disk.</summary>
public sealed record OutputFile(string Path, byte[] Bytes, ArtifactFormat Format);

/// <summary>An artifact with its bytes: what it is (kind, tenant, domain, language) stays with the file
/// up to the manifest, so nothing downstream recovers it from a path or a kind's name.</summary>
public sealed record GeneratedArtifact(Artifact Artifact, byte[] Bytes, string Sha256)
{
    public string Path => Artifact.Path;

    public ArtifactFormat Format => ArtifactFormat.For(Artifact.Kind);

    public ManifestEntry ToManifestEntry() =>
        new(Artifact.Tenant, Artifact.Kind, Artifact.Path, Sha256, Bytes.Length, Artifact.Language, Artifact.Domain);
}

/// <summary>Everything one run produces, already encoded, in ordinal path order, the manifest last.
/// Built completely in memory before anything on disk is touched.</summary>
public sealed class GeneratedTree
{
    /// <param name="sources">The policy files the tenants come from.</param>
    /// <param name="tenants">Each tenant with the artifacts its writers produced.</param>
    public GeneratedTree(IReadOnlyList<string> sources, IEnumerable<(TenantPolicy Tenant, IReadOnlyList<Artifact> Artifacts)> tenants)
    {
        Sources = sources;
        var byTenant = tenants.OrderBy(t => t.Tenant.Name, StringComparer.Ordinal).ToList();
        Artifacts = [.. byTenant
            .SelectMany(t => t.Artifacts)
            .Select(Encode)
            .OrderBy(a => a.Path, StringComparer.Ordinal)];
        var duplicate = Artifacts.GroupBy(a => a.Path, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two artifacts share the path {duplicate.Key}");
        }

        Facts = [.. byTenant.Select(t => TenantFacts.From(t.Tenant))];
        Tenants = [.. byTenant.Select(t => t.Tenant.Name)];
        Entries = [.. Artifacts.Select(a => a.ToManifestEntry())];
        var manifest = Manifest.Serialize(Entries, Facts);
        Files = [.. Artifacts.Select(a => new OutputFile(a.Path, a.Bytes, a.Format)), new OutputFile(Manifest.FileName, manifest, ArtifactFormat.Manifest)];
    }

    private static GeneratedArtifact Encode(Artifact artifact)
    {
        var bytes = ArtifactFormat.For(artifact.Kind).Encode(artifact);
        return new GeneratedArtifact(artifact, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The policy files read, in the order of the command line.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Every artifact, ordinal path order.</summary>
    public IReadOnlyList<GeneratedArtifact> Artifacts { get; }

    /// <summary>Every file to write: the artifacts, then the manifest.</summary>
    public IReadOnlyList<OutputFile> Files { get; }

    /// <summary>The manifest's entries: every file but the manifest, with its hash.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>What each tenant deploys, for plan; kept in the manifest.</summary>
    public IReadOnlyList<TenantFacts> Facts { get; }

    /// <summary>The tenants of the run, ordinal order; each owns the folder of its name.</summary>
    public IReadOnlyList<string> Tenants { get; }
}
