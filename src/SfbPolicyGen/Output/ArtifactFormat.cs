using System.Text;

namespace SfbPolicyGen.Output;

/// <summary>How a file's text becomes bytes.</summary>
public enum FileEncoding
{
    /// <summary>UTF-8 without a byte order mark.</summary>
    Utf8,

    /// <summary>UTF-8 with its byte order mark (EF BB BF).</summary>
    Utf8WithBom,

    /// <summary>UTF-16 little-endian with its byte order mark (FF FE).</summary>
    Utf16LeWithBom,

    /// <summary>The writer's bytes as they are; a diff shows them as hex.</summary>
    Binary,
}

/// <summary>How one kind of file is stored on disk: one row per kind in <see cref="For"/>, named fields,
/// the manifest's row beside them (the rule of Chromium's template writers: writers never choose bytes).</summary>
/// <param name="ManifestName">The kind's name in manifest.json; never renamed (committed manifests use it).</param>
public sealed record ArtifactFormat(string ManifestName, FileEncoding Encoding, string NewLine)
{
    private const string Crlf = "\r\n";
    private const string Lf = "\n";

    // Strict for writing (a lone surrogate is a bug, not something to paper over), lenient for
    // reading back what is on disk (check must show a diff, not crash, on a damaged file).
    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16Strict = new UnicodeEncoding(false, false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf8Lenient = new UTF8Encoding(false, false);
    private static readonly Encoding Utf16Lenient = new UnicodeEncoding(false, false, false);
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16LeBom = [0xFF, 0xFE];

    /// <summary>out/manifest.json: UTF-8, LF, like the other files a reviewer reads in a diff.</summary>
    public static readonly ArtifactFormat Manifest = new(ManifestName: "manifest", Encoding: FileEncoding.Utf8, NewLine: Lf);

    /// <summary>The one table of encodings and line endings.
    /// - .reg: UTF-16LE with BOM and CRLF, what regedit writes (docs/REGISTRY.md, ".reg files").
    /// - ADMX/ADML: UTF-8 without BOM, declared in the XML declaration; CRLF like Microsoft's own files.
    /// - Application.ini: ASCII-only content (names are validated), CRLF for Windows' INI reader.
    /// - .ps1: UTF-8 with BOM and CRLF, so Windows PowerShell 5.1 (and 2.0 on a TMG server) does not
    ///   read it in the ANSI code page.
    /// - LDIF: UTF-8 without BOM (non-ASCII values are base64, RFC 2849), CRLF as ldifde writes it.
    /// - zones and Markdown: UTF-8, LF, as DNS servers and code review tools expect.
    /// - Registry.pol: binary PReg ([MS-GPREG] 2.2.1), bytes from its writer; its LGPO text beside it
    ///   ASCII-only content, CRLF, for LGPO.exe on Windows.
    /// - .gitattributes: LF, as git reads it.
    /// - nsupdate batches: ASCII-only content (validated names), LF, as nsupdate and knsupdate read them.
    /// - Intune Remediations scripts: ASCII-only content (rendered with TemplateSet.RenderAscii), UTF-8
    ///   without BOM and LF, what Intune asks of a script whose signature it checks (its "Script
    ///   requirements"); ASCII reads the same in the ANSI code page Windows PowerShell 5.1 assumes.</summary>
    public static ArtifactFormat For(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Admx => new(ManifestName: "admx", Encoding: FileEncoding.Utf8, NewLine: Crlf),
        ArtifactKind.Adml => new(ManifestName: "adml", Encoding: FileEncoding.Utf8, NewLine: Crlf),
        ArtifactKind.Reg => new(ManifestName: "reg", Encoding: FileEncoding.Utf16LeWithBom, NewLine: Crlf),
        ArtifactKind.RegistryPol => new(ManifestName: "pol", Encoding: FileEncoding.Binary, NewLine: ""),
        ArtifactKind.GpoScript => new(ManifestName: "gpo-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.TrustAppendScript => new(ManifestName: "trust-append-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.TmgClientIni => new(ManifestName: "tmg-client-ini", Encoding: FileEncoding.Utf8, NewLine: Crlf),
        ArtifactKind.TmgServerScript => new(ManifestName: "tmg-server-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.GatewayRules => new(ManifestName: "gateway-rules", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.Zone => new(ManifestName: "zone", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.DnsServerScript => new(ManifestName: "dns-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.Ldif => new(ManifestName: "ldif", Encoding: FileEncoding.Utf8, NewLine: Crlf),
        ArtifactKind.ActiveDirectoryScript => new(ManifestName: "ad-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.ClientCleanupScript => new(ManifestName: "client-cleanup-script", Encoding: FileEncoding.Utf8WithBom, NewLine: Crlf),
        ArtifactKind.Guide => new(ManifestName: "guide", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.LgpoText => new(ManifestName: "lgpo-text", Encoding: FileEncoding.Utf8, NewLine: Crlf),
        ArtifactKind.GitAttributes => new(ManifestName: "gitattributes", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.NsUpdate => new(ManifestName: "nsupdate", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.IntuneDetectScript => new(ManifestName: "intune-detect-script", Encoding: FileEncoding.Utf8, NewLine: Lf),
        ArtifactKind.IntuneRemediateScript => new(ManifestName: "intune-remediate-script", Encoding: FileEncoding.Utf8, NewLine: Lf),
    };

    /// <summary>The kind a manifest names, or null for a name this version does not know.</summary>
    public static ArtifactKind? KindOf(string manifestName) => KindsByName.TryGetValue(manifestName, out var kind) ? kind : null;

    private static readonly Dictionary<string, ArtifactKind> KindsByName =
        Enum.GetValues<ArtifactKind>().ToDictionary(kind => For(kind).ManifestName, StringComparer.Ordinal);

    public bool IsBinary => Encoding == FileEncoding.Binary;

    /// <summary>The gitattributes(5) that make git check these bytes out again on any configuration
    /// (core.autocrlf=true included): <c>binary</c> (no conversion, no text diff) for a binary format;
    /// otherwise <c>text</c> with the line end pinned by <c>eol</c>, so the repository keeps LF and a
    /// diff has no CR to mark, plus <c>working-tree-encoding</c> for UTF-16, which git then keeps
    /// as UTF-8 text. A byte order mark needs nothing: git leaves it as it is.</summary>
    public string GitAttributes => Encoding switch
    {
        FileEncoding.Binary => "binary",
        FileEncoding.Utf16LeWithBom => $"text working-tree-encoding=UTF-16LE-BOM eol={GitEol}",
        FileEncoding.Utf8 or FileEncoding.Utf8WithBom => $"text eol={GitEol}",
    };

    private string GitEol => NewLine == Crlf ? "crlf" : "lf";

    /// <summary>The encoding's name as an XML declaration gives it.</summary>
    public string XmlEncodingName => Encoding == FileEncoding.Utf16LeWithBom ? "utf-16" : "utf-8";

    private byte[] Preamble => Encoding switch
    {
        FileEncoding.Utf8WithBom => Utf8Bom,
        FileEncoding.Utf16LeWithBom => Utf16LeBom,
        FileEncoding.Utf8 or FileEncoding.Binary => [],
    };

    private bool IsUtf16 => Encoding == FileEncoding.Utf16LeWithBom;

    public byte[] Encode(Artifact artifact) => IsBinary
        ? artifact.Binary ?? throw new InvalidOperationException($"{artifact.Path}: a binary artifact without bytes")
        : Encode(artifact.Text);

    public byte[] Encode(string text)
    {
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", NewLine, StringComparison.Ordinal);
        return [.. Preamble, .. (IsUtf16 ? Utf16Strict : Utf8Strict).GetBytes(body)];
    }

    /// <summary>Bytes back to text for a diff: the BOM dropped if present, line ends kept; a binary
    /// file as a hex dump, 16 bytes a line with their offset.</summary>
    public string Decode(ReadOnlySpan<byte> bytes)
    {
        if (IsBinary)
        {
            var dump = new StringBuilder();
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

        return (IsUtf16 ? Utf16Lenient : Utf8Lenient).GetString(bytes);
    }
}
