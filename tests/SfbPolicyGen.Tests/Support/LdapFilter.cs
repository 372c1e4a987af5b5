namespace SfbPolicyGen.Tests.Support;

/// <summary>The subset of RFC 4515 LDAP filters a policy's activeDirectory.filter uses: &amp;, |, !,
/// equality and presence (attr=*), values compared without case, \XX escapes.</summary>
public static class LdapFilter
{
    public static bool Matches(string filter, Func<string, string?> attribute)
    {
        var at = 0;
        var result = Item(filter, ref at, attribute);
        return at == filter.Length ? result : throw new FormatException($"trailing text in LDAP filter '{filter}'");
    }

    private static bool Item(string filter, ref int at, Func<string, string?> attribute)
    {
        Expect(filter, ref at, '(');
        bool result;
        switch (filter[at])
        {
            case '&' or '|':
                var and = filter[at++] == '&';
                var parts = new List<bool>();
                while (filter[at] == '(')
                {
                    parts.Add(Item(filter, ref at, attribute));
                }

                result = and ? parts.All(p => p) : parts.Any(p => p);
                break;
            case '!':
                at++;
                result = !Item(filter, ref at, attribute);
                break;
            default:
                var end = filter.IndexOf(')', at);
                var (name, value) = (filter[at..end].Split('=', 2)[0], filter[at..end].Split('=', 2)[1]);
                at = end;
                var actual = attribute(name);
                result = value == "*" ? actual is not null : string.Equals(actual, Unescape(value), StringComparison.OrdinalIgnoreCase);
                break;
        }

        Expect(filter, ref at, ')');
        return result;
    }

    private static void Expect(string filter, ref int at, char c)
    {
        if (at >= filter.Length || filter[at] != c)
        {
            throw new FormatException($"expected '{c}' at {at} in LDAP filter '{filter}'");
        }

        at++;
    }

    private static string Unescape(string value) => System.Text.RegularExpressions.Regex.Replace(value, @"\\([0-9A-Fa-f]{2})", m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString());
}
