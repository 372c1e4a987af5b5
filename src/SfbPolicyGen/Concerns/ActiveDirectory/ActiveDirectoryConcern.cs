namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>Active Directory, the fix of "User is not SIP enabled": msRTCSIP-UserEnabled for the listed
/// and searched users.</summary>
public static class ActiveDirectoryConcern
{
    public static readonly Concern Concern = new("activeDirectory")
    {
        Keys = ActiveDirectoryKeys.All,
        Templates = [Template.ActiveDirectoryScript],
        GuideStep = "ad",
        Kinds = [ActiveDirectoryKinds.Ldif, ActiveDirectoryKinds.ActiveDirectoryScript],
        Writers = [LdifWriter.Write, ActiveDirectoryScriptWriter.Write],
        Facts = [DirectoryFacts.DistinguishedNames, DirectoryFacts.ByName, DirectoryFacts.Search],
        GuideModel = (tenant, _) =>
        [
            ("has_ad", tenant.ActiveDirectory is not null),
            ("has_search", tenant.ActiveDirectory?.SearchBase is not null),
            ("has_ldif", tenant.ActiveDirectory?.DistinguishedNames.Any() == true),
        ],
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string ActiveDirectoryScript = "ad.ps1.sbn";
    }
}
