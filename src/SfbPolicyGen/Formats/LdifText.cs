using System.Text;

namespace SfbPolicyGen.Formats;

/// <summary>LDIF attribute lines (RFC 2849): "name: value" when the value is a SAFE-STRING (ASCII
/// 0x01-0x7F without CR or LF, not starting with a space, ':' or '&lt;', not ending with a space),
/// else "name:: " and the value's UTF-8 bytes in base64. Lines are not folded.</summary>
internal static class LdifText
{
    public static string Line(string name, string value) => IsSafe(value)
        ? $"{name}: {value}"
        : $"{name}:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}";

    private static bool IsSafe(string value) =>
        value.Length == 0 || (value[0] is not (' ' or ':' or '<') && value[^1] != ' ' && value.All(c => c is > '\0' and < '\u0080' and not ('\r' or '\n')));
}
