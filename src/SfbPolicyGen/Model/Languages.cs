namespace SfbPolicyGen.Model;

/// <summary>The languages the tool has texts for (ADML strings and deployment guides).</summary>
public static class Languages
{
    public const string English = "en-US";
    public const string French = "fr-FR";

    public static readonly IReadOnlyList<string> Supported = [English, French];

    /// <summary>admx.languages in policies.yaml: a language is named by its culture name.</summary>
    public static readonly NameTable<string> Names = new(Supported, language => language);
}
