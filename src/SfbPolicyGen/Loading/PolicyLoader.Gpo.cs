using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>gpo.name: free text that reaches a PowerShell string, so the free-text rules apply.</summary>
public static partial class PolicyLoader
{
    internal static readonly string[] GpoKeys = ["name"];

    private static Field<string> ReadGpoName(SectionReader root) => root.Section("gpo", GpoKeys).Text("name", GpoPolicy.MaxNameLength);
}
