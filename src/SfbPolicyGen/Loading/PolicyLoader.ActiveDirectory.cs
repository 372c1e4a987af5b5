using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>The optional activeDirectory section: users to SIP-enable (UPN, distinguished name or
/// sAMAccountName) and/or a search base with an LDAP filter.</summary>
public sealed partial class PolicyLoader
{
    internal static readonly string[] ActiveDirectoryKeys = ["users", "searchBase", "filter"];

    private ActiveDirectoryPolicy? ReadActiveDirectory(YamlNode? node)
    {
        if (Mapping(node, "activeDirectory") is not { } mapping)
        {
            return null;
        }

        var section = new MappingReader(mapping, "activeDirectory", ActiveDirectoryKeys, _diagnostics);
        var users = new List<DirectoryUser>();
        var firstAt = new Dictionary<string, SourceSpan>(StringComparer.OrdinalIgnoreCase);
        if (Sequence(section["users"], "activeDirectory.users") is { } list)
        {
            foreach (var item in list.Items)
            {
                if (Scalar(item, "activeDirectory.users[]") is not { } scalar || DirectoryUserOf(scalar) is not { } user)
                {
                    continue;
                }

                // Directory names compare without case (AD matching rules).
                if (!firstAt.TryAdd(user.Value, scalar.Start))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateEntry, scalar.Start, $"'{Shown(scalar.Value)}' is listed twice in 'activeDirectory.users' (first at line {firstAt[user.Value].Line})");
                    continue;
                }

                users.Add(user);
            }
        }

        var searchBase = DirectoryText(section, "searchBase", DirectoryNames.ValidateDistinguishedName);
        var filter = DirectoryText(section, "filter", DirectoryNames.ValidateLdapFilter);
        if (section["filter"] is not null && section["searchBase"] is null)
        {
            _diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, section.PositionOf("filter"), "'activeDirectory.filter' applies only with 'activeDirectory.searchBase'");
        }

        if (section["users"] is null && section["searchBase"] is null)
        {
            _diagnostics.Error(DiagnosticCodes.MissingKey, section.Start, "'activeDirectory' needs 'users' (UPN, distinguished name or sAMAccountName), 'searchBase', or both");
        }

        return new ActiveDirectoryPolicy([.. users], searchBase, filter ?? ActiveDirectoryPolicy.DefaultFilter);
    }

    private DirectoryUser? DirectoryUserOf(YamlScalar scalar)
    {
        var value = scalar.Value.Trim();
        var kind = DirectoryNames.Classify(value);
        string? error;
        switch (kind)
        {
            case DirectoryUserKind.DistinguishedName:
                error = DirectoryNames.ValidateDistinguishedName(value);
                break;
            case DirectoryUserKind.UserPrincipalName:
                var at = value.LastIndexOf('@');
                var suffix = DomainName.Normalize(value[(at + 1)..], out var suffixError);
                error = DirectoryNames.ValidateUpnName(value[..at]) ?? (suffix is null ? $"the part after '@' is not a domain name: {suffixError}" : null);
                value = suffix is null ? value : $"{value[..at]}@{suffix}";
                break;
            default:
                error = DirectoryNames.ValidateSamAccountName(value);
                break;
        }

        if (error is not null)
        {
            var what = kind switch
            {
                DirectoryUserKind.DistinguishedName => "distinguished name",
                DirectoryUserKind.UserPrincipalName => "user principal name",
                _ => "sAMAccountName",
            };
            _diagnostics.Error(DiagnosticCodes.InvalidDirectoryName, scalar.Start, $"'{Shown(scalar.Value)}' in 'activeDirectory.users' is not a valid {what}: {error}");
            return null;
        }

        return new DirectoryUser(kind, value);
    }

    private string? DirectoryText(MappingReader section, string key, Func<string, string?> validate)
    {
        if (Scalar(section[key], $"activeDirectory.{key}") is not { } scalar)
        {
            return null;
        }

        var value = scalar.Value.Trim();
        if (validate(value) is { } error)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidDirectoryName, scalar.Start, $"'activeDirectory.{key}' is refused: {error}");
            return null;
        }

        return value;
    }
}
