using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;

namespace SfbPolicyGen.Loading;

/// <summary>The first step of reading a policy file: its bytes to text, in the encodings and line ends
/// the loader accepts, each refusal at the place of the first byte it cannot take.</summary>
internal static partial class YamlDocumentReader
{
    /// <summary>What the loader reads, named in each encoding refusal.</summary>
    private const string Readable = "sfbpolicygen reads UTF-8 (with or without BOM) or UTF-16 with BOM, with LF or CRLF line ends";

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with BOM, with LF or CRLF line ends; anything else
    /// is refused as what it is (UTF-32, UTF-16 without BOM, a NUL, CR-only line ends) or at the first
    /// bad byte, rather than left to the YAML parser to misread.</summary>
    /// <returns>The text, or null with where and why it cannot be read.</returns>
    private static string? Decode(string file, ReadOnlySpan<byte> bytes, out (SourceSpan At, string Message) undecodable)
    {
        // The YAML 1.2 spec's detection (5.2), from the first character's bytes. UTF-32LE's BOM starts
        // with UTF-16LE's, so UTF-32 is asked first.
        var other = bytes switch
        {
            [0xFF, 0xFE, 0, 0, ..] => "UTF-32LE (with BOM)",
            [0, 0, 0xFE, 0xFF, ..] => "UTF-32BE (with BOM)",
            [0, 0, 0, not 0, ..] => "UTF-32BE without BOM",
            [not 0, 0, 0, 0, ..] => "UTF-32LE without BOM",
            [0, not 0, ..] => "UTF-16BE without BOM",
            [not 0, 0, ..] => "UTF-16LE without BOM",
            _ => null,
        };
        if (other is not null)
        {
            undecodable = (SourceSpan.StartOf(file), $"the file is {other}; {Readable}: save it as UTF-8");
            return null;
        }

        string? text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            undecodable = (SourceSpan.StartOf(file), "the file starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8");
            text = SourceText.DecodeUtf16(bytes[2..], bigEndian: bytes[0] == 0xFE);
        }
        else
        {
            text = SourceText.DecodeUtf8(bytes, out var error);
            undecodable = (new SourceSpan(file, error.Line, error.Column), $"the file is not valid UTF-8 (byte 0x{error.Byte:X2} at offset {error.Offset}); save it as UTF-8");
        }

        if (text is null)
        {
            return null;
        }

        // A NUL is no character of a text file: a binary file, or one in an encoding with NUL bytes.
        if (text.IndexOf('\0', StringComparison.Ordinal) is >= 0 and var nul)
        {
            undecodable = (AtIndex(file, text, nul), $"the file holds a NUL character here: it is binary or in another encoding; {Readable}");
            return null;
        }

        // A CR not followed by LF ends a line in YAML, but every line count here (comments, positions,
        // import --into's edits) splits at LF: read, such a file would be one long line.
        if (LoneCarriageReturn(text) is >= 0 and var cr)
        {
            undecodable = (AtIndex(file, text, cr), $"this line ends with a CR alone (classic Mac OS line ends); {Readable}: save it with LF line ends");
            return null;
        }

        return text;
    }

    private static int LoneCarriageReturn(string text)
    {
        for (var i = text.IndexOf('\r', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\r', i + 1))
        {
            if (i + 1 == text.Length || text[i + 1] != '\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The 1-based line and column of the character at <paramref name="index"/>, not itself an LF.</summary>
    private static SourceSpan AtIndex(string file, string text, int index)
    {
        var line = 1 + text.AsSpan(0, index).Count('\n');
        return new SourceSpan(file, line, index - text.LastIndexOf('\n', index));
    }
}
