using System.Globalization;

namespace SfbPolicyGen.Model;

/// <summary>Host name normalisation: trim, drop one trailing dot, lowercase, IDNA to punycode
/// (<c>bücher.example</c> → <c>xn--bcher-kva.example</c>), then validate. What passes is safe in
/// every artifact format (only a-z 0-9 '-' '.'), so this validator is the escaper for names.</summary>
public static class DomainName
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <returns>The normalised name, or null with <paramref name="error"/> saying why.</returns>
    public static string? Normalize(string raw, out string error)
    {
        error = "";
        var name = raw.Trim();
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Length == 0)
        {
            error = "the name is empty";
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

        return null;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"the character '{c}'";
}
