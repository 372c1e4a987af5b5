namespace SfbPolicyGen.Output;

/// <summary>out/.gitattributes: the attributes of the files at the root of the output folder,
/// manifest.json and this file, which no tenant's .gitattributes reaches (git reads a .gitattributes
/// for its folder and those below). Like manifest.json it belongs to the output stage, not to a tenant:
/// generate writes it when it is not these bytes, and check reports it when it is not.</summary>
public static class RootGitAttributes
{
    public const string FileName = ".gitattributes";

    /// <summary>The first line of every .gitattributes generate writes.</summary>
    public const string Header = "# Written by SfbPolicyGen so that a checkout gives back the bytes it wrote and `git diff` shows text (README, \"In a git repository\").\n";

    public static readonly byte[] Bytes = Concerns.TenantKinds.GitAttributes.Format.Encode(
        Header + Line("/" + FileName, Concerns.TenantKinds.GitAttributes.Format) + Line("/" + Manifest.FileName, ArtifactFormat.Manifest));

    /// <summary>The file as the output stage writes and compares it.</summary>
    public static OutputFile File => new(FileName, Bytes, Concerns.TenantKinds.GitAttributes.Format);

    /// <summary>One line of a .gitattributes: the pattern, then what git must do with files of that format.</summary>
    public static string Line(string pattern, ArtifactFormat format) => $"{pattern} {format.GitAttributes}\n";
}
