using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SfbPolicyGen.Model;

/// <summary>Host name normalisation: trim, drop one trailing dot, lowercase, IDNA to punycode
/// (<c>bücher.example</c> → <c>xn--bcher-kva.example</c>), then validate. What passes is safe in
/// every artifact format (only a-z 0-9 '-' '.'), so this validator is the escaper for names.
/// Every domain of policies.yaml and of <c>init --domain</c> goes through <see cref="Normalize"/>.</summary>
public static class DomainName
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    public const string IpAddressError = "it is an IP address, not a domain name";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>A normalised name as people write it: its Unicode form (<c>xn--bcher-kva.example</c> →
    /// <c>bücher.example</c>), or the name itself when it holds no IDNA label, or one that is no valid
    /// punycode (an ASCII name is taken as written, <c>xn--zz.example</c> included).</summary>
    public static string ToUnicode(string name)
    {
        try
        {
            return name.Contains("xn--", StringComparison.Ordinal) ? Idn.GetUnicode(name) : name;
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    /// <returns>The normalised name, or null with <paramref name="error"/> saying why.</returns>
    public static string? Normalize(string raw, out string error)
    {
        var name = WithoutTrailingDot(raw.Trim());
        if (IsIpv6Address(name))
        {
            error = IpAddressError;
            return null;
        }

        // What people paste instead of a name: a URL, a SIP URI, a sign-in address, host:port.
        // Say which name to give rather than which character of the URL is wrong.
        if (HostOf(name) is { } host)
        {
            var hostName = NormalizeHost(WithoutTrailingDot(host), out var hostError);
            error = hostName is not null ? $"give the host name only: {hostName}"
                : hostError == IpAddressError ? hostError
                : $"give the host name only; here '{FreeText.Shown(host)}', which is not a domain name either: {hostError}";
            return null;
        }

        return NormalizeHost(name, out error);
    }

    /// <summary>UTS 39's "mixed script" test, for the scripts whose letters pass for one another
    /// (Latin, Greek, Cyrillic: <c>fаbrikam</c> with a Cyrillic а): the first label of a normalised
    /// name that mixes them, with its scripts in the order they appear; null when none does.</summary>
    public static (string Label, string[] Scripts)? MixedScriptLabel(string normalized)
    {
        foreach (var label in ToUnicode(normalized).Split('.'))
        {
            string[] scripts = [.. label.Select(ScriptOf).OfType<string>().Distinct()];
            if (scripts.Length > 1)
            {
                return (label, scripts);
            }
        }

        return null;
    }

    /// <summary>The script of a letter of a lowercased label, by Unicode block; null for digits, '-'
    /// and the scripts the test leaves alone.</summary>
    private static string? ScriptOf(char c) => c switch
    {
        (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF') => "Latin",
        (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF') => "Greek",
        (>= '\u0400' and <= '\u052F') or (>= '\u1C80' and <= '\u1C8F') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F') => "Cyrillic",
        _ => null,
    };

    private static string WithoutTrailingDot(string name) => name.EndsWith('.') ? name[..^1] : name;

    private static string? NormalizeHost(string name, out string error)
    {
        error = "";
        if (name.Length == 0)
        {
            error = "the name is empty";
            return null;
        }

        if (IsIpv6Address(name))
        {
            error = IpAddressError;
            return null;
        }

        if (!name.All(char.IsAscii))
        {
            try
            {
                name = Idn.GetAscii(name);
            }
            catch (ArgumentException)
            {
                error = "it is not a valid internationalised domain name";
                return null;
            }
        }

        name = name.ToLowerInvariant();
        error = Validate(name) ?? "";
        return error.Length == 0 ? name : null;
    }

    private static string? Validate(string name)
    {
        if (name.Length > MaxLength)
        {
            return $"it is {name.Length} characters long; a domain name has at most {MaxLength}";
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            return "a domain name needs at least two labels (e.g. contoso.com)";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return "it has an empty label (two dots in a row)";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"label '{FreeText.Shown(label, MaxLength)}' is {label.Length} characters long; a label has at most {MaxLabelLength}";
            }

            if (!label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                var bad = label.First(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'));
                return $"label '{FreeText.Shown(label, MaxLength)}' has {Describe(bad)}; labels hold only letters, digits and '-'";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"label '{FreeText.Shown(label, MaxLength)}' starts or ends with '-'";
            }
        }

        // RFC 3696 section 2: a top-level domain is never all-numeric, so 192.168.1.10 (or 1.2, which
        // inet_aton reads as 1.0.0.2) is an address, never a name a zone could be written for.
        if (labels.All(IsDigits))
        {
            return IpAddressError;
        }

        if (IsDigits(labels[^1]))
        {
            return $"its top-level label '{labels[^1]}' is all digits, so it reads as an IP address, not a domain name (RFC 3696 section 2)";
        }

        return null;
    }

    private static bool IsDigits(string label) => label.All(char.IsAsciiDigit);

    /// <summary>An IPv6 address, bare (<c>2001:db8::1</c>, <c>fe80::1%eth0</c>) or in brackets with or
    /// without a port (<c>[::1]:5061</c>, RFC 3986's IP-literal).</summary>
    private static bool IsIpv6Address(string text)
    {
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is > 0 and var close
            && (close == text.Length - 1 || IsPort(text[(close + 1)..])))
        {
            text = text[1..close];
        }

        return text.Contains(':', StringComparison.Ordinal)
            && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsPort(string text) => text.Length > 1 && text[0] == ':' && IsDigits(text[1..]);

    /// <summary>The host of a URL (<c>https://user@host:443/path?query#fragment</c>), of a SIP URI
    /// (<c>sip:alice@host</c>, RFC 3261), of a sign-in address (<c>alice@host</c>) or of
    /// <c>host:port</c> and <c>host/path</c>; null when <paramref name="name"/> is none of these.</summary>
    private static string? HostOf(string name)
    {
        var host = name;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            host = host[(scheme + 3)..];
        }
        else if (host.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || host.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            host = host[(host.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }

        host = host[..(host.IndexOfAny(['/', '?', '#']) is >= 0 and var end ? end : host.Length)];
        host = host[(host.LastIndexOf('@') + 1)..];
        if (host.StartsWith('[') && host.IndexOf(']', StringComparison.Ordinal) is > 0 and var close)
        {
            host = host[..(close + 1)];
        }
        else if (host.LastIndexOf(':') is > 0 and var colon && IsPort(host[colon..]))
        {
            host = host[..colon];
        }

        return host == name ? null : host;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"the character '{c}'";
}
