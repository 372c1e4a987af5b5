using System.Text;

namespace SfbPolicyGen.Output;

public enum ArtifactKind
{
    Admx,
    Adml,
    Reg,
    TmgClientIni,
    TmgServerScript,
    GatewayRules,
    Zone,
    Guide,
    RegistryPol,
    TrustAppendScript,
    GpoScript,
    DnsServerScript,
    Ldif,
    ActiveDirectoryScript,
    ClientCleanupScript,
}

/// <summary>What a writer produces: text with '\n' line ends and a path relative to the output
/// folder ('/'-separated). Encoding and line endings are the output stage's job. A binary format
/// (Registry.pol) has no text: its writer gives the bytes, since they are the format itself.</summary>
public sealed record Artifact(string Tenant, ArtifactKind Kind, string Path, string Text, string? Language = null, string? Domain = null, byte[]? Binary = null);

/// <summary>How one kind of artifact is stored on disk.</summary>
/// <param name="IsBinary">The writer's bytes are stored as they are; a diff shows them as hex.</param>
public sealed record ArtifactFormat(string ManifestName, bool Utf16, bool ByteOrderMark, string NewLine, bool IsBinary = false)
{
    // Strict for writing (a lone surrogate is a bug, not something to paper over), lenient for
    // reading back what is on disk (check must show a diff, not crash, on a damaged file).
    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16Strict = new UnicodeEncoding(false, false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf8Lenient = new UTF8Encoding(false, false);
    private static readonly Encoding Utf16Lenient = new UnicodeEncoding(false, false, false);
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16LeBom = [0xFF, 0xFE];

    /// <summary>The one table of encodings and line endings (the rule Chromium's template writers
    /// follow: writers never choose bytes).
    /// - .reg: UTF-16LE with BOM and CRLF, what regedit writes (DOMAIN.md section 3).
    /// - ADMX/ADML: UTF-8 without BOM, declared in the XML declaration; CRLF like Microsoft's own files.
    /// - Application.ini: ASCII-only content (names are validated), CRLF for Windows' INI reader.
    /// - .ps1: UTF-8 with BOM and CRLF, so Windows PowerShell 5.1 (and 2.0 on a TMG server) does not
    ///   read it in the ANSI code page.
    /// - zones and Markdown: UTF-8, LF, as DNS servers and code review tools expect.
    /// - LDIF: UTF-8 without BOM (non-ASCII values are base64, RFC 2849), CRLF as ldifde writes it.
    /// - Registry.pol: binary PReg ([MS-GPREG] 2.2.1), bytes from its writer.</summary>
    public static ArtifactFormat For(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Admx => new("admx", false, false, "\r\n"),
        ArtifactKind.Adml => new("adml", false, false, "\r\n"),
        ArtifactKind.Reg => new("reg", true, true, "\r\n"),
        ArtifactKind.TmgClientIni => new("tmg-client-ini", false, false, "\r\n"),
        ArtifactKind.TmgServerScript => new("tmg-server-script", false, true, "\r\n"),
        ArtifactKind.TrustAppendScript => new("trust-append-script", false, true, "\r\n"),
        ArtifactKind.GpoScript => new("gpo-script", false, true, "\r\n"),
        ArtifactKind.DnsServerScript => new("dns-script", false, true, "\r\n"),
        ArtifactKind.ActiveDirectoryScript => new("ad-script", false, true, "\r\n"),
        ArtifactKind.ClientCleanupScript => new("client-cleanup-script", false, true, "\r\n"),
        ArtifactKind.Ldif => new("ldif", false, false, "\r\n"),
        ArtifactKind.GatewayRules => new("gateway-rules", false, false, "\n"),
        ArtifactKind.Zone => new("zone", false, false, "\n"),
        ArtifactKind.Guide => new("guide", false, false, "\n"),
        ArtifactKind.RegistryPol => new("pol", false, false, "", IsBinary: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The encoding's name as an XML declaration gives it.</summary>
    public string XmlEncodingName => Utf16 ? "utf-16" : "utf-8";

    private byte[] Preamble => !ByteOrderMark ? [] : Utf16 ? Utf16LeBom : Utf8Bom;

    public byte[] Encode(Artifact artifact) => IsBinary
        ? artifact.Binary ?? throw new InvalidOperationException($"{artifact.Path}: a binary artifact without bytes")
        : Encode(artifact.Text);

    public byte[] Encode(string text)
    {
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", NewLine, StringComparison.Ordinal);
        return [.. Preamble, .. (Utf16 ? Utf16Strict : Utf8Strict).GetBytes(body)];
    }

    /// <summary>Bytes back to text for a diff: the BOM dropped if present, line ends kept; a binary
    /// file as a hex dump, 16 bytes a line with their offset.</summary>
    public string Decode(ReadOnlySpan<byte> bytes)
    {
        if (IsBinary)
        {
            var dump = new System.Text.StringBuilder();
            for (var offset = 0; offset < bytes.Length; offset += 16)
            {
                var line = bytes[offset..Math.Min(offset + 16, bytes.Length)];
                dump.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:x8}  {Convert.ToHexStringLower(line)}\n");
            }

            return dump.ToString();
        }

        if (bytes.StartsWith(Preamble))
        {
            bytes = bytes[Preamble.Length..];
        }

        return (Utf16 ? Utf16Lenient : Utf8Lenient).GetString(bytes);
    }
}
