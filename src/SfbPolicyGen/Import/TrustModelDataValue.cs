using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Formats;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>The TrustModelData value as a .reg file or Registry.pol holds it: a REG_SZ, read as the
/// client reads it (comma-separated, blanks around entries and empty entries ignored:
/// <see cref="TrustListMerger.Entries"/>), each entry a domain name. docs/REGISTRY.md, "TrustModelData".</summary>
internal static class TrustModelDataValue
{
    /// <summary>Registry value types by number (winnt.h), for messages.</summary>
    public static string TypeName(uint type) => type switch
    {
        0 => "REG_NONE",
        1 => "REG_SZ",
        2 => "REG_EXPAND_SZ",
        3 => "REG_BINARY",
        4 => "REG_DWORD",
        5 => "REG_DWORD_BIG_ENDIAN",
        6 => "REG_LINK",
        7 => "REG_MULTI_SZ",
        11 => "REG_QWORD",
        _ => $"type {type}",
    };

    /// <returns>The entries, normalised, in their order; null after an error.</returns>
    public static ImmutableArray<string>? Entries(string data, Origin at, DiagnosticBag diagnostics)
    {
        foreach (var c in data.EnumerateRunes().Where(FreeText.IsUnsafeToShow))
        {
            Refuse(diagnostics, at, $"the TrustModelData value holds the character U+{c.Value:X4}; a list of domain names cannot");
            return null;
        }

        var entries = ImmutableArray.CreateBuilder<string>();
        var valid = true;
        var number = 0;
        foreach (var raw in TrustListMerger.Entries(data))
        {
            number++;
            if (ImportedName.Normalize(raw, at, $"entry {number} of TrustModelData", diagnostics) is { } name)
            {
                entries.Add(name);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? entries.ToImmutable() : null;
    }

    /// <summary>REG_SZ data as bytes (Registry.pol, a .reg file's hex(1):): UTF-16LE, ending with a NUL
    /// (or several, or none); a NUL before the end is refused, since the client would stop reading there.</summary>
    public static ImmutableArray<string>? FromUtf16(ReadOnlySpan<byte> data, Origin at, DiagnosticBag diagnostics)
    {
        if (data.Length % 2 != 0)
        {
            Refuse(diagnostics, at, $"the REG_SZ data of TrustModelData has an odd number of bytes ({data.Length}); REG_SZ data is UTF-16LE");
            return null;
        }

        if (SourceText.DecodeUtf16(data) is not { } text)
        {
            Refuse(diagnostics, at, "the REG_SZ data of TrustModelData is not UTF-16LE text (a lone surrogate)");
            return null;
        }

        var value = text.TrimEnd('\0');
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Refuse(diagnostics, at, "the REG_SZ data of TrustModelData holds a NUL before its end; the client would read only what comes before it");
            return null;
        }

        return Entries(value, at, diagnostics);
    }

    /// <summary>SFB043: where TrustModelData is not a readable REG_SZ (REG_EXPAND_SZ, REG_MULTI_SZ,
    /// binary, a DWORD; data that is not UTF-16 text). The client reads a REG_SZ only (Office's
    /// lync16.admx writes it as one), so guessing at another type's meaning could deploy a wrong list.</summary>
    public static void Refuse(DiagnosticBag diagnostics, Origin at, string message) =>
        diagnostics.Error(DiagnosticCodes.TrustModelDataNotText, at.At, message);
}
