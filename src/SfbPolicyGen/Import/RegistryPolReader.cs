using System.Buffers.Binary;
using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A Registry.pol file ([MS-GPREG] 2.2.1, docs/REGISTRY.md, "Registry.pol"): "PReg", version 1 (uint32 LE),
/// then entries <c>[key;value;type;size;data]</c>, every delimiter a UTF-16LE character, key and value
/// UTF-16LE ending with a NUL, type and size uint32 LE, then size bytes of data. Entries apply in file
/// order: <c>**del.TrustModelData</c> deletes the value, <c>**delvals.</c> every value of the key, and
/// <c>**deletevalues</c> the values its data lists ("Registry Policy File Format", docs/REGISTRY.md, "Registry.pol");
/// the last word on a client's value is what is read. Keys carry no hive: a file in a folder named
/// User is HKEY_CURRENT_USER, any other HKEY_LOCAL_MACHINE (a GPO's Machine folder, LGPO's /m).
/// Every entry is checked against the file's length before it is read.</summary>
internal static class RegistryPolReader
{
    private const uint Signature = 0x67655250; // "PReg"
    private const uint Version = 1;
    private const uint RegSz = 1;

    /// <param name="hive">HKEY_LOCAL_MACHINE or HKEY_CURRENT_USER, from where the file lies.</param>
    public static void Read(string file, byte[] bytes, string hive, ImportFindings findings, DiagnosticBag diagnostics)
    {
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Signature || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) != Version)
        {
            Refuse(diagnostics, Origin.InBinary(file, 1), "the file does not start with the Registry.pol header ('PReg', then version 1 as a 32-bit little-endian number)");
            return;
        }

        var read = new Dictionary<TrustClient, (TrustValueFound Found, int Entry)>();
        var others = new List<string>();
        var position = 8;
        for (var number = 1; position < bytes.Length; number++)
        {
            var at = Origin.InBinary(file, number);
            if (ReadEntry(bytes, ref position) is not { } entry)
            {
                Refuse(diagnostics, at, $"entry {number}, at byte {position}, is not [key;value;type;size;data] in UTF-16LE with NUL-terminated names, or runs past the end of the file ({bytes.Length} bytes)");
                return;
            }

            var client = TrustClient.All.FirstOrDefault(c => c.PolicyKey.Equals(entry.Key, StringComparison.OrdinalIgnoreCase));
            if (client is null)
            {
                others.Add($"{FreeText.Shown(entry.Key)}\\{FreeText.Shown(entry.Value)} (entry {number})");
                continue;
            }

            var (found, ok) = Meaning(entry, client, hive, at, diagnostics);
            if (!ok)
            {
                return;
            }

            if (found is null)
            {
                others.Add($"{FreeText.Shown(entry.Key)}\\{FreeText.Shown(entry.Value)} (entry {number})");
                continue;
            }

            if (read.TryGetValue(client, out var earlier))
            {
                findings.Notes.Add($"{file} sets TrustModelData of {client.Id} in entries {earlier.Entry} and {number}; Group Policy applies entries in order, so entry {number} is read");
            }

            read[client] = (found, number);
        }

        findings.TrustValues.AddRange(read.Values.OrderBy(r => r.Entry).Select(r => r.Found));
        if (others.Count > 0)
        {
            findings.NotRead(file, $"{others.Count} other entr{(others.Count == 1 ? "y" : "ies")}", others);
        }
    }

    private sealed record Entry(string Key, string Value, uint Type, byte[] Data);

    /// <summary>What an entry under a client key does to TrustModelData: sets it, deletes it, or
    /// (null) nothing; ok is false after an error.</summary>
    private static (TrustValueFound? Found, bool Ok) Meaning(Entry entry, TrustClient client, string hive, Origin at, DiagnosticBag diagnostics)
    {
        var name = entry.Value;
        var deletes =
            name.Equals("**del." + TrustClient.ValueName, StringComparison.OrdinalIgnoreCase)
            || name.Equals("**delvals.", StringComparison.OrdinalIgnoreCase)
            || (name.Equals("**deletevalues", StringComparison.OrdinalIgnoreCase)
                && Encoding.Unicode.GetString(entry.Data).TrimEnd('\0').Split(';').Contains(TrustClient.ValueName, StringComparer.OrdinalIgnoreCase));
        if (deletes)
        {
            return (new TrustValueFound(client, hive, null, at), true);
        }

        if (!name.Equals(TrustClient.ValueName, StringComparison.OrdinalIgnoreCase))
        {
            return (null, true);
        }

        if (entry.Type != RegSz)
        {
            TrustModelDataValue.Refuse(diagnostics, at, $"TrustModelData is {TrustModelDataValue.TypeName(entry.Type)} here; the client reads it only as a REG_SZ, so import will not guess what this value means");
            return (null, false);
        }

        return TrustModelDataValue.FromUtf16(entry.Data, at, diagnostics) is { } entries
            ? (new TrustValueFound(client, hive, entries, at), true)
            : (null, false);
    }

    /// <summary>One <c>[key;value;type;size;data]</c> at <paramref name="position"/>, which moves past it;
    /// null when the bytes are not that shape.</summary>
    private static Entry? ReadEntry(byte[] bytes, ref int position)
    {
        var at = position;
        if (!Delimiter(bytes, ref at, '[') || Name(bytes, ref at) is not { } key || !Delimiter(bytes, ref at, ';')
            || Name(bytes, ref at) is not { } value || !Delimiter(bytes, ref at, ';')
            || UInt32(bytes, ref at) is not { } type || !Delimiter(bytes, ref at, ';')
            || UInt32(bytes, ref at) is not { } size || !Delimiter(bytes, ref at, ';')
            || size > bytes.Length - at)
        {
            return null;
        }

        var data = bytes.AsSpan(at, (int)size).ToArray();
        at += (int)size;
        if (!Delimiter(bytes, ref at, ']'))
        {
            return null;
        }

        position = at;
        return new Entry(key, value, type, data);
    }

    private static bool Delimiter(byte[] bytes, ref int at, char c)
    {
        if (at + 2 > bytes.Length || bytes[at] != c || bytes[at + 1] != 0)
        {
            return false;
        }

        at += 2;
        return true;
    }

    /// <summary>A UTF-16LE string up to its NUL, which is consumed.</summary>
    private static string? Name(byte[] bytes, ref int at)
    {
        for (var end = at; end + 2 <= bytes.Length; end += 2)
        {
            if (bytes[end] == 0 && bytes[end + 1] == 0)
            {
                if (SourceText.DecodeUtf16(bytes.AsSpan(at, end - at)) is not { } text)
                {
                    return null;
                }

                at = end + 2;
                return text;
            }
        }

        return null;
    }

    private static uint? UInt32(byte[] bytes, ref int at)
    {
        if (at + 4 > bytes.Length)
        {
            return null;
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
        at += 4;
        return value;
    }

    /// <summary>SFB044: a Registry.pol file that cannot be read.</summary>
    private static void Refuse(DiagnosticBag diagnostics, Origin at, string message) =>
        diagnostics.Error(DiagnosticCodes.RegistryPolUnreadable, at.At, message);
}
