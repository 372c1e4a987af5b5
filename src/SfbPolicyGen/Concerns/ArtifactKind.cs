using System.Collections.Immutable;
using System.Text;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Concerns;

/// <summary>One kind of file, declared once by the concern that writes it (CONTRIBUTING.md, "Adding a
/// concern"): its name in manifest.json, how its text becomes bytes, where it lives in the tenant's
/// folder, its row in the guide and what <c>explain</c> calls it. Nothing else lists kinds: the
/// output stage, .gitattributes, the guide, the manifest and explain read these fields (the rule of
/// Chromium's template writers: writers never choose bytes or paths).</summary>
public sealed partial class ArtifactKind
{
    private readonly string _path;

    /// <param name="manifestName">The kind's name in manifest.json; never renamed (committed manifests use it).</param>
    /// <param name="path">Where the file lives, relative to the tenant's folder, '/'-separated; a part that
    /// varies is a hole in braces (<c>dns/{domain}.zone</c>), filled by <see cref="PathOf"/> in order and
    /// matched by '*' in .gitattributes (no hole spans a '/').</param>
    public ArtifactKind(string manifestName, FileEncoding encoding, string newLine, string path)
    {
        Format = new ArtifactFormat(manifestName, encoding, newLine);
        _path = path;
    }

    public ArtifactFormat Format { get; }

    public string ManifestName => Format.ManifestName;

    /// <summary>What explain and messages call the kind: "the .reg file".</summary>
    public required string Shown { get; init; }

    /// <summary>The kind's row in the guide's table of files; null for a file that is not deployed.</summary>
    public GuideRow? Guide { get; init; }

    /// <summary>Other paths of the same kind that <see cref="PathOf"/> does not give (the English guide is README.md).</summary>
    public ImmutableArray<string> OtherPaths { get; init; } = [];

    /// <summary>The file's path in the output folder: the tenant's folder, then <c>path</c> with its holes filled.</summary>
    public string PathOf(string tenant, params ReadOnlySpan<string> holes)
    {
        var text = new StringBuilder(tenant.Length + _path.Length + 32).Append(tenant).Append('/');
        var rule = _path.AsSpan();
        var filled = 0;
        while (rule.IndexOf('{') is var open and >= 0)
        {
            text.Append(rule[..open]).Append(holes[filled++]);
            rule = rule[(rule.IndexOf('}') + 1)..];
        }

        return filled == holes.Length
            ? text.Append(rule).ToString()
            : throw new ArgumentException($"{ManifestName}: {holes.Length} values for {filled} holes in '{_path}'", nameof(holes));
    }

    /// <summary>The gitattributes(5) patterns that match exactly the files of this kind, anchored to the
    /// tenant's folder by their leading '/': each path with '*' for its holes.</summary>
    public IEnumerable<string> GitPatterns => OtherPaths.Add(_path).Select(path => "/" + Holes().Replace(path, "*"));

    public override string ToString() => ManifestName;

    /// <summary>A path inside the tenant's own folder (what the guide and plan show).</summary>
    public static string RelativeToTenant(string tenant, string path) =>
        path.StartsWith(tenant + "/", StringComparison.Ordinal) ? path[(tenant.Length + 1)..] : throw new ArgumentException($"{path} is not in the folder of tenant {tenant}", nameof(path));

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[a-z]+\}")]
    private static partial System.Text.RegularExpressions.Regex Holes();
}
