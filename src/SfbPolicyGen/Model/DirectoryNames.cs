namespace SfbPolicyGen.Model;

/// <summary>Validators for the Active Directory names of policies.yaml. Each returns null when the
/// name is acceptable, else why not. They refuse rather than repair: a DN or filter that reaches an
/// LDIF file or a PowerShell script must mean exactly what the reviewer read.</summary>
public static class DirectoryNames
{
    public const int MaxDistinguishedNameLength = 2048;
    public const int MaxFilterLength = 4096;

    // RFC 4514 section 2.4: characters that must be escaped in an attribute value.
    private const string MustEscape = "\"+,;<>\\=#";

    /// <summary>A UPN has '@', a DN has '=', anything else is a sAMAccountName.</summary>
    public static DirectoryUserKind Classify(string value) =>
        value.Contains('=', StringComparison.Ordinal) ? DirectoryUserKind.DistinguishedName
        : value.Contains('@', StringComparison.Ordinal) ? DirectoryUserKind.UserPrincipalName
        : DirectoryUserKind.SamAccountName;

    /// <summary>RFC 4514 string form: RDNs "type=value" separated by ',' (or '+' inside a multi-valued
    /// RDN); type a name or numeric OID; value non-empty, special characters escaped with '\' (or
    /// '\XX'), no unescaped space at either end; '#' hex values are refused.</summary>
    public static string? ValidateDistinguishedName(string dn)
    {
        if (FreeText.Validate(dn, MaxDistinguishedNameLength) is { } textError)
        {
            return textError;
        }

        var i = 0;
        while (true)
        {
            var typeStart = i;
            while (i < dn.Length && (char.IsAsciiLetterOrDigit(dn[i]) || dn[i] is '-' or '.'))
            {
                i++;
            }

            var type = dn[typeStart..i];
            if (type.Length == 0)
            {
                return $"'type=value' expected at character {typeStart + 1} (a ',' inside a value is written '\\,')";
            }

            if (!(char.IsAsciiLetter(type[0]) ? type.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') : type.All(c => char.IsAsciiDigit(c) || c == '.')))
            {
                return $"'{type}' at character {typeStart + 1} is not an attribute type (CN, OU, DC...)";
            }

            if (i >= dn.Length || dn[i] != '=')
            {
                return $"'=' expected at character {i + 1}";
            }

            var valueStart = ++i;
            if (i < dn.Length && dn[i] == '#')
            {
                return "hex-encoded ('#') attribute values are not supported";
            }

            var lastUnescapedSpace = -1;
            while (i < dn.Length && dn[i] is not (',' or '+'))
            {
                if (dn[i] == '\\')
                {
                    if (i + 1 < dn.Length && (MustEscape.Contains(dn[i + 1], StringComparison.Ordinal) || dn[i + 1] == ' '))
                    {
                        i += 2;
                    }
                    else if (i + 2 < dn.Length && char.IsAsciiHexDigit(dn[i + 1]) && char.IsAsciiHexDigit(dn[i + 2]))
                    {
                        i += 3;
                    }
                    else
                    {
                        return $"the '\\' at character {i + 1} escapes nothing (write \\, \\+ \\\" \\\\ \\< \\> \\; \\= \\# or \\XX)";
                    }

                    continue;
                }

                if (dn[i] is '"' or ';' or '<' or '>' or '=')
                {
                    return $"'{dn[i]}' at character {i + 1} must be escaped with '\\'";
                }

                if (dn[i] == ' ')
                {
                    lastUnescapedSpace = i;
                }

                i++;
            }

            if (i == valueStart)
            {
                return $"the value of '{type}' is empty";
            }

            if (dn[valueStart] == ' ' || lastUnescapedSpace == i - 1)
            {
                return $"the value of '{type}' starts or ends with a space; write 'CN=a,OU=b' without spaces around ','";
            }

            if (i == dn.Length)
            {
                return null;
            }

            i++; // ',' or '+'
        }
    }

    /// <summary>name@suffix: the name 1-64 characters without blanks or <c>"(),:;&lt;&gt;@[\]</c>; the
    /// suffix a valid domain name (checked by the caller with DomainName).</summary>
    public static string? ValidateUpnName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return "the part before '@' must be 1-64 characters";
        }

        return name.FirstOrDefault(c => char.IsWhiteSpace(c) || char.IsControl(c) || "\"(),:;<>@[\\]".Contains(c, StringComparison.Ordinal) || FreeText.Validate(c.ToString(), 1) is not null) is var bad and not '\0'
            ? $"the part before '@' may not contain '{FreeText.Shown(bad.ToString())}'"
            : null;
    }

    /// <summary>Active Directory's rules for user sAMAccountName: 1-20 characters, none of
    /// <c>"/\[]:;|=,+*?&lt;&gt;@</c>, no control character, not only dots and spaces.</summary>
    public static string? ValidateSamAccountName(string name)
    {
        if (name.Length is 0 or > 20)
        {
            return "a sAMAccountName is 1-20 characters";
        }

        if (FreeText.Validate(name, 20) is { } textError)
        {
            return textError;
        }

        if (name.FirstOrDefault(c => "\"/\\[]:;|=,+*?<>@".Contains(c, StringComparison.Ordinal)) is var bad and not '\0')
        {
            return $"a sAMAccountName may not contain '{bad}'";
        }

        return name.All(c => c is '.' or ' ') ? "a sAMAccountName may not be only dots and spaces" : null;
    }

    /// <summary>An LDAP filter (RFC 4515) in parentheses with balanced nesting; literal parentheses in
    /// values are written \28 and \29, so every '(' and ')' is structure.</summary>
    public static string? ValidateLdapFilter(string filter)
    {
        if (FreeText.Validate(filter, MaxFilterLength) is { } textError)
        {
            return textError;
        }

        if (!filter.StartsWith('(') || !filter.EndsWith(')'))
        {
            return "an LDAP filter is written in parentheses, as (objectClass=user)";
        }

        var depth = 0;
        for (var i = 0; i < filter.Length; i++)
        {
            depth += filter[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0 || (depth == 0 && i < filter.Length - 1))
            {
                return $"the parentheses do not balance at character {i + 1}";
            }
        }

        return depth == 0 ? null : "a '(' is never closed";
    }
}
