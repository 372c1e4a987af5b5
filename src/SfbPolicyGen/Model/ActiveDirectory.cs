using System.Collections.Immutable;

namespace SfbPolicyGen.Model;

public enum DirectoryUserKind
{
    /// <summary>alice@contoso.com: found with <c>Get-ADUser -Filter 'UserPrincipalName -eq $upn'</c>.</summary>
    UserPrincipalName,

    /// <summary>CN=Alice,OU=Staff,DC=contoso,DC=com: the only form an LDIF modify record can name.</summary>
    DistinguishedName,

    /// <summary>alice: found with <c>Get-ADUser -Identity</c>.</summary>
    SamAccountName,
}

public sealed record DirectoryUser(DirectoryUserKind Kind, string Value);

/// <summary>The article's "User is not SIP enabled": users left on a decommissioned OCS/Lync server
/// have <c>msRTCSIP-UserEnabled</c> FALSE; the fix sets it TRUE, then a directory synchronisation
/// (docs/ACTIVE-DIRECTORY.md, "The fix").</summary>
/// <param name="Users">In the order the YAML lists them.</param>
/// <param name="SearchBase">Every user under it that <paramref name="Filter"/> selects, if set.</param>
public sealed record ActiveDirectoryPolicy(ImmutableArray<DirectoryUser> Users, string? SearchBase, string Filter)
{
    public const string Attribute = "msRTCSIP-UserEnabled";

    /// <summary>The users the article describes: SIP attribute present and FALSE.</summary>
    public const string DefaultFilter = "(&(objectCategory=person)(objectClass=user)(msRTCSIP-UserEnabled=FALSE))";

    public IEnumerable<string> DistinguishedNames => Users.Where(u => u.Kind == DirectoryUserKind.DistinguishedName).Select(u => u.Value);
}
