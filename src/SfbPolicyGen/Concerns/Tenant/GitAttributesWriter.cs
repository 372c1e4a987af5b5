using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Concerns;

/// <summary>.gitattributes in each tenant's folder: one line per kind of file, its pattern from
/// <see cref="ArtifactKind.GitPatterns"/> and its attributes from <see cref="ArtifactFormat.GitAttributes"/>,
/// so that a checkout writes back the bytes generate wrote whatever git's configuration
/// (core.autocrlf=true included) and check passes on a fresh clone, while a pull request shows the
/// text: the UTF-16LE .reg file is kept as UTF-8 in the repository (working-tree-encoding), Registry.pol
/// stays binary and its LGPO text beside it diffs. Lines in ordinal order of pattern; the same text
/// for every tenant (<see cref="ConcernRegistry.GitAttributesText"/> makes it once). manifest.json,
/// outside the tenant folders, has its own (<see cref="RootGitAttributes"/>).</summary>
internal static class GitAttributesWriter
{
    public static string TextFor(IEnumerable<ArtifactKind> kinds) => RootGitAttributes.Header + string.Concat(
        kinds.SelectMany(kind => kind.GitPatterns.Select(pattern => RootGitAttributes.Line(pattern, kind.Format))).Order(StringComparer.Ordinal));

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        yield return new Artifact(tenant.Name, TenantKinds.GitAttributes, TenantKinds.GitAttributes.PathOf(tenant.Name), context.Registry.GitAttributesText);
    }
}
