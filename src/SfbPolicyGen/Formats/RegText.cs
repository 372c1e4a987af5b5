namespace SfbPolicyGen.Formats;

/// <summary>Escaping for regedit 5.00 files (docs/REGISTRY.md, ".reg files"): in value names and REG_SZ data
/// <c>\</c> becomes <c>\\</c> and <c>"</c> becomes <c>\"</c>. CR, LF and NUL cannot be written in a
/// plain string at all, so they are refused rather than written as something else.</summary>
internal static class RegText
{
    private static readonly System.Buffers.SearchValues<char> KeyForbidden = System.Buffers.SearchValues.Create("[]\r\n\0");

    /// <summary>What follows "name"= to delete the value on import.</summary>
    public const string Delete = "-";

    public static string Quoted(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("a .reg string value cannot hold CR, LF or NUL", nameof(value));
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A key path inside [ ]: regedit ends the key at the first ']' and cannot escape it.</summary>
    public static string KeyPath(string hive, string key)
    {
        if (key.AsSpan().IndexOfAny(KeyForbidden) >= 0 || key.StartsWith('-'))
        {
            throw new ArgumentException($"'{key}' cannot be written as a .reg key path", nameof(key));
        }

        return $"{hive}\\{key}";
    }
}
