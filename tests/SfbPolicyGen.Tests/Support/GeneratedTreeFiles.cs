using SfbPolicyGen.Output;

// In the tests' root namespace, so that every test namespace sees tree.Files without a using.
namespace SfbPolicyGen.Tests;

/// <summary>A whole run in memory, for tests: generate, check and plan stream
/// <see cref="GeneratedTree.Render"/> tenant by tenant, so the production type has no such member.</summary>
internal static class GeneratedTreeFiles
{
    extension(GeneratedTree tree)
    {
        /// <summary>Every file at once: the root .gitattributes, each tenant's artifacts, then the manifest a
        /// fresh folder gets, in ordinal path order.</summary>
        public IReadOnlyList<OutputFile> Files
        {
            get
            {
                var artifacts = tree.Render().SelectMany(t => t.Artifacts).OrderBy(a => a.Path, StringComparer.Ordinal).ToList();
                var manifest = Manifest.Serialize(artifacts.Select(a => a.ToManifestEntry()), tree.Facts);
                return [RootGitAttributes.File, .. artifacts.Select(a => new OutputFile(a.Path, a.Bytes, a.Format)), new OutputFile(Manifest.FileName, manifest, ArtifactFormat.Manifest)];
            }
        }
    }
}
