using System.Buffers.Binary;
using System.Text;

namespace SfbPolicyGen.Tests.Support;

public sealed record PolEntry(string Key, string Value, uint Type, byte[] Data)
{
    /// <summary>REG_SZ data as text, its terminating NUL checked and dropped.</summary>
    public string Text => Type == 1 && Data.Length >= 2 && Data.Length % 2 == 0 && Data[^1] == 0 && Data[^2] == 0
        ? Encoding.Unicode.GetString(Data, 0, Data.Length - 2)
        : throw new FormatException($"{Key};{Value}: not a NUL-terminated REG_SZ");
}

/// <summary>A strict reader of PReg files ([MS-GPREG] 2.2.1, docs/REGISTRY.md, "Registry.pol"), sharing no code
/// with the writer: signature "PReg", version 1, then entries "[key;value;type;size;data]" with
/// UTF-16LE delimiters, NUL-terminated UTF-16LE key and value name, uint32 LE type and size, and
/// exactly size bytes of data. Anything else throws, where Samba's parser accepts a wrong signature
/// or delimiter.</summary>
public static partial class StrictPolReader
{
    /// <summary>A key must not name its hive: the file's folder (Machine or User) does.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(HKEY_[A-Z_]+|HKLM|HKCU|HKU|HKCR|HKCC)(\\|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex HivePrefix();

    public static IReadOnlyList<PolEntry> Parse(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(FormatFacts.PolHeader))
        {
            throw new FormatException("the header is not 'PReg' version 1");
        }

        var entries = new List<PolEntry>();
        var at = 8;
        while (at < bytes.Length)
        {
            Expect(bytes, ref at, '[');
            var key = ReadNulTerminated(bytes, ref at);
            Expect(bytes, ref at, ';');
            var value = ReadNulTerminated(bytes, ref at);
            Expect(bytes, ref at, ';');
            var type = ReadUInt32(bytes, ref at);
            Expect(bytes, ref at, ';');
            var size = ReadUInt32(bytes, ref at);
            Expect(bytes, ref at, ';');
            if (size > bytes.Length - at)
            {
                throw new FormatException($"offset {at}: {size} bytes of data announced, {bytes.Length - at} left");
            }

            var data = bytes[at..(at + (int)size)];
            at += (int)size;
            Expect(bytes, ref at, ']');
            if (key.Length == 0 || HivePrefix().IsMatch(key) || value.Length > 259)
            {
                throw new FormatException($"entry {entries.Count + 1}: an empty key, a hive in the key, or a value name over 259 characters");
            }

            entries.Add(new PolEntry(key, value, type, data));
        }

        return entries;
    }

    private static void Expect(byte[] bytes, ref int at, char delimiter)
    {
        if (at + 2 > bytes.Length || bytes[at] != (byte)delimiter || bytes[at + 1] != 0)
        {
            throw new FormatException($"offset {at}: UTF-16LE '{delimiter}' expected");
        }

        at += 2;
    }

    private static uint ReadUInt32(byte[] bytes, ref int at)
    {
        if (at + 4 > bytes.Length)
        {
            throw new FormatException($"offset {at}: truncated number");
        }

        at += 4;
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at - 4));
    }

    private static string ReadNulTerminated(byte[] bytes, ref int at)
    {
        var text = new StringBuilder();
        for (; at + 2 <= bytes.Length; at += 2)
        {
            var c = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            if (c == '\0')
            {
                at += 2;
                return text.ToString();
            }

            if (c is ';' or '[' or ']')
            {
                throw new FormatException($"offset {at}: '{c}' inside a key or value name");
            }

            text.Append(c);
        }

        throw new FormatException("unterminated key or value name");
    }
}
