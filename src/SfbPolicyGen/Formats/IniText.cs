namespace SfbPolicyGen.Formats;

/// <summary>Windows INI (GetPrivateProfileString) has no escaping at all: a section name ends at ']',
/// a key at '=', a line at CR/LF, and ';' starts a comment. So names are checked, never escaped.</summary>
internal static class IniText
{
    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("[]=;\r\n\0");

    public static string Name(string value)
    {
        if (value.Length == 0 || value.AsSpan().IndexOfAny(Forbidden) >= 0 || value.Trim() != value)
        {
            throw new ArgumentException($"'{value}' cannot be written as an INI name", nameof(value));
        }

        return value;
    }
}
