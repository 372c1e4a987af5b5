using SfbPolicyGen.Concerns.ActiveDirectory;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>The optional activeDirectory section: users to SIP-enable (UPN, distinguished name or
/// sAMAccountName) and/or a search base with an LDAP filter.</summary>
public static partial class PolicyLoader
{
    private static ActiveDirectorySection ReadActiveDirectory(SectionReader root)
    {
        var directory = root.Section(ActiveDirectoryKeys.ActiveDirectory);

        // Directory names compare without case (AD matching rules).
        var users = directory.UniqueList(
            "users",
            entry => DirectoryValue(entry, UserOf, (user, error) => $"'{entry.Shown}' in '{entry.Place}' is not a valid {Describe(user.Kind)}: {error}"),
            keyOf: user => user.Value,
            StringComparer.OrdinalIgnoreCase,
            listedTwice: (entry, _, first) => $"'{entry.Shown}' is listed twice in '{entry.Place}' (first at line {first.Line})",
            ifEmpty: "list at least one user, or leave the key out and use 'searchBase'");
        directory.Require("'activeDirectory' needs 'users' (UPN, distinguished name or sAMAccountName), 'searchBase', or both", "users", "searchBase");
        return new ActiveDirectorySection(
            directory.State,
            users,
            DirectoryText(directory["searchBase"], DirectoryNames.ValidateDistinguishedName),
            DirectoryText(directory["filter"], DirectoryNames.ValidateLdapFilter));
    }

    private static Field<string> DirectoryText(ValueReader value, Func<string, string?> validate) =>
        DirectoryValue(value, text => (text, validate(text)), (_, error) => $"'{value.Path}' is refused: {error}");

    /// <summary>SFB028: a user, search base or filter is refused rather than repaired: what reaches an
    /// LDIF file or a script must mean what the reviewer read (DirectoryNames). Trimmed first.</summary>
    private static Field<T> DirectoryValue<T>(ValueReader value, Func<string, (T Value, string? Error)> parse, Func<T, string, string> refusal) => value.Scalar().Then(raw =>
    {
        var (parsed, error) = parse(raw.Trim());
        return error is null ? Field.Valid(parsed, value.At) : value.Refuse<T>(DiagnosticCodes.InvalidDirectoryName, refusal(parsed, error));
    });

    private static (DirectoryUser User, string? Error) UserOf(string value) => DirectoryNames.Classify(value) switch
    {
        DirectoryUserKind.UserPrincipalName => UserPrincipalName(value),
        DirectoryUserKind.DistinguishedName => (new DirectoryUser(DirectoryUserKind.DistinguishedName, value), DirectoryNames.ValidateDistinguishedName(value)),
        DirectoryUserKind.SamAccountName => (new DirectoryUser(DirectoryUserKind.SamAccountName, value), DirectoryNames.ValidateSamAccountName(value)),
    };

    /// <summary>name@suffix, the suffix normalised as a domain name, then in its Unicode form: AD stores a
    /// userPrincipalName as typed, so Get-ADUser's filter finds jürgen@bücher.example, never its punycode.</summary>
    private static (DirectoryUser User, string? Error) UserPrincipalName(string value)
    {
        var at = value.LastIndexOf('@');
        var suffix = DomainName.Normalize(value[(at + 1)..], out var suffixError);
        var error = DirectoryNames.ValidateUpnName(value[..at]) ?? (suffix is null ? $"the part after '@' is not a domain name: {suffixError}" : null);
        return (new DirectoryUser(DirectoryUserKind.UserPrincipalName, suffix is null ? value : $"{value[..at]}@{DomainName.ToUnicode(suffix)}"), error);
    }

    private static string Describe(DirectoryUserKind kind) => kind switch
    {
        DirectoryUserKind.DistinguishedName => "distinguished name",
        DirectoryUserKind.UserPrincipalName => "user principal name",
        DirectoryUserKind.SamAccountName => "sAMAccountName",
    };
}

internal sealed record ActiveDirectorySection(FieldState State, ListField<DirectoryUser> Users, Field<string> SearchBase, Field<string> Filter)
{
    /// <summary>Null without an activeDirectory section: nothing is generated for AD.</summary>
    public ActiveDirectoryPolicy? ToPolicy() => State == FieldState.Valid
        ? new ActiveDirectoryPolicy([.. Users.Values], SearchBase.OrDefault(), Filter.Or(ActiveDirectoryPolicy.DefaultFilter))
        : null;
}
