using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Writers;

/// <summary>.gitattributes in each tenant's folder: one line per kind of file, its pattern from
/// <see cref="ArtifactPaths.GitPatterns"/> and its attributes from <see cref="ArtifactFormat.GitAttributes"/>,
/// so that a checkout writes back the bytes generate wrote whatever git's configuration
/// (core.autocrlf=true included) and check passes on a fresh clone, while a pull request shows the
/// text: the UTF-16LE .reg file is kept as UTF-8 in the repository (working-tree-encoding), Registry.pol
/// stays binary and its LGPO text beside it diffs. Lines in ordinal order of pattern; the same text
/// for every tenant. manifest.json, outside the tenant folders, has its own (<see cref="RootGitAttributes"/>).</summary>
internal static class GitAttributesWriter
{
    private static readonly string Text = RootGitAttributes.Header + string.Concat(
        Enum.GetValues<ArtifactKind>()
            .SelectMany(kind => ArtifactPaths.GitPatterns(kind).Select(pattern => RootGitAttributes.Line(pattern, ArtifactFormat.For(kind))))
            .Order(StringComparer.Ordinal));

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext _)
    {
        yield return new Artifact(tenant.Name, ArtifactKind.GitAttributes, ArtifactPaths.GitAttributes(tenant.Name), Text);
    }
}
