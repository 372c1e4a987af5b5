using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>gpo.name: free text that reaches a PowerShell string, so the free-text rules apply.</summary>
public static partial class PolicyLoader
{
    private static Field<string> ReadGpoName(SectionReader root) => root.Section(TrustKeys.Gpo).Text("name", GpoPolicy.MaxNameLength);
}
