using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Writers;

/// <summary>.gitattributes in each tenant's folder, so that a pull request shows the main fix as text:
/// git keeps the UTF-16LE .reg file as UTF-8 text in the repository and writes it back as UTF-16LE with
/// its BOM and CRLF at checkout (working-tree-encoding, gitattributes(5)), byte for byte what generate
/// writes, so check passes on a fresh clone. Registry.pol stays binary; its LGPO text beside it diffs.
/// The same text for every tenant.</summary>
internal static class GitAttributesWriter
{
    private const string Text = """
        # Written by SfbPolicyGen so that `git diff` shows these files as text (README, "Diffs a reviewer can read").
        *.reg text working-tree-encoding=UTF-16LE-BOM eol=crlf
        *.pol binary

        """;

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext _)
    {
        yield return new Artifact(tenant.Name, ArtifactKind.GitAttributes, ArtifactPaths.GitAttributes(tenant.Name), Text);
    }
}
