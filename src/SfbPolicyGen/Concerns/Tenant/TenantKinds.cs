using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using static SfbPolicyGen.Output.ArtifactFormat;

namespace SfbPolicyGen.Concerns;

/// <summary>The files about a tenant's other files, which every run writes after them: the guide and
/// .gitattributes. Neither has a row in the guide (the guide is the file the reader holds; .gitattributes
/// is for the repository).</summary>
public static class TenantKinds
{
    /// <summary>README.md in English so that a code host shows it when a reviewer opens the folder;
    /// README.LANGUAGE.md for the others. Markdown: UTF-8, LF.</summary>
    public static readonly ArtifactKind Guide = new("guide", FileEncoding.Utf8, Lf, "README.{language}.md")
    {
        Shown = "the deployment guide",
        OtherPaths = ["README.md"],
    };

    /// <summary>In the tenant's folder, so that git applies it to that folder wherever out/ is: LF, as git reads it.</summary>
    public static readonly ArtifactKind GitAttributes = new("gitattributes", FileEncoding.Utf8, Lf, ".gitattributes")
    {
        Shown = ".gitattributes",
    };

    /// <summary>The guide's path for a language.</summary>
    public static string GuidePath(string tenant, string language) =>
        language == Languages.English ? $"{tenant}/README.md" : Guide.PathOf(tenant, language);
}
