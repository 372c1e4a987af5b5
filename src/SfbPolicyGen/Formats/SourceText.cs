using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SfbPolicyGen.Formats;

/// <summary>Strict decoding of a text source: the first byte that is not valid in the expected
/// encoding is named with its line and column (counted in characters of what decoded before it), so
/// that each reader reports it under its own code. Nothing is replaced by U+FFFD: a name read through
/// a replacement character would be another name. Used by the policy file's reader and by import's.</summary>
internal static class SourceText
{
    private static readonly UnicodeEncoding StrictLittleEndian = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictBigEndian = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <param name="Byte">For UTF-8: the first byte that is not, at <paramref name="Offset"/> (after the byte order mark).</param>
    public readonly record struct Undecodable(int Line, int Column, string Message, byte Byte = 0, int Offset = 0);

    /// <summary>UTF-8, a byte order mark skipped.</summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out Undecodable error)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            error = default;
            return new string(chars, 0, written);
        }

        error = At(new string(chars, 0, written), $"byte 0x{bytes[read]:X2} at offset {read} is not UTF-8") with { Byte = bytes[read], Offset = read };
        return null;
    }

    /// <summary>UTF-16 without its byte order mark; null when the bytes are not valid UTF-16 (a lone
    /// surrogate, an odd number of bytes). One strict encoding for every reader (the policy file,
    /// Registry.pol's names, a REG_SZ value).</summary>
    public static string? DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian = false)
    {
        try
        {
            return (bigEndian ? StrictBigEndian : StrictLittleEndian).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>UTF-16LE after its byte order mark (which the caller has seen): every high surrogate
    /// followed by a low one, no low one alone, an even number of bytes.</summary>
    public static string? DecodeUtf16LittleEndian(ReadOnlySpan<byte> bytesAfterBom, out Undecodable error)
    {
        for (var i = 0; i < bytesAfterBom.Length; i += 2)
        {
            var unit = i + 1 < bytesAfterBom.Length ? (char)(bytesAfterBom[i] | (bytesAfterBom[i + 1] << 8)) : '\uFFFF';
            var next = i + 3 < bytesAfterBom.Length ? (char)(bytesAfterBom[i + 2] | (bytesAfterBom[i + 3] << 8)) : '\0';
            if (i + 1 >= bytesAfterBom.Length || char.IsLowSurrogate(unit) || (char.IsHighSurrogate(unit) && !char.IsLowSurrogate(next)))
            {
                error = At(Encoding.Unicode.GetString(bytesAfterBom[..i]), $"the bytes at offset {i + 2} are not UTF-16LE (a lone surrogate, or an odd number of bytes)");
                return null;
            }

            i += char.IsHighSurrogate(unit) ? 2 : 0;
        }

        error = default;
        return Encoding.Unicode.GetString(bytesAfterBom);
    }

    /// <summary>The place just after <paramref name="prefix"/>, the text decoded before the problem.</summary>
    private static Undecodable At(string prefix, string message) =>
        new(1 + prefix.Count(c => c == '\n'), 1 + prefix.Length - (prefix.LastIndexOf('\n') + 1), message);

    /// <summary>Lines without their ending (CRLF or LF).</summary>
    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }
}
