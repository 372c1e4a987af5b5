using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.ActiveDirectory;

/// <summary>The ActiveDirectory concern's keys: activeDirectory (<see cref="PolicyKey"/>). Read by
/// Loading/PolicyLoader.ActiveDirectory.cs.</summary>
public static class ActiveDirectoryKeys
{
    public static readonly PolicyKey Users = new(
        "users",
        new ListType(new TextType(1, DirectoryNames.MaxDistinguishedNameLength), MinItems: 1),
        "Users to SIP-enable: a UPN (has '@'), a distinguished name (has '='), or a sAMAccountName.");

    public static readonly PolicyKey SearchBase = new(
        "searchBase", new TextType(3, DirectoryNames.MaxDistinguishedNameLength, "="), "Also every user under this DN that 'filter' selects.");

    public static readonly PolicyKey Filter = new(
        "filter", new TextType(MaxLength: DirectoryNames.MaxFilterLength, Pattern: "^\\(.*\\)$"), $"LDAP filter, with searchBase (default {ActiveDirectoryPolicy.DefaultFilter}).")
    {
        Default = ActiveDirectoryPolicy.DefaultFilter,
    };

    public static readonly PolicyKey ActiveDirectory = new(
        "activeDirectory",
        new MappingType([Users, SearchBase, Filter]) { AnyOfRequired = [Users.Name, SearchBase.Name] },
        "'User is not SIP enabled': users whose msRTCSIP-UserEnabled is set TRUE.")
    {
        Order = 80,
        Reading = KeyReading.Code,
        Comment = "\"User is not SIP enabled\"",
    };

    public static readonly ImmutableArray<PolicyKey> All = [ActiveDirectory];
}
