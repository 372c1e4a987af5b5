using System.Xml;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A GPO backup folder, as Backup-GPO and the Group Policy Management Console write one per GPO
/// (<c>{GUID}\</c>): the GPO's display name in <c>Backup.xml</c>
/// (<c>GroupPolicyBackupScheme/GroupPolicyObject/GroupPolicyCoreSettings/DisplayName</c>) and in
/// <c>bkupInfo.xml</c> (<c>BackupInst/GPODisplayName</c>), and its registry settings in
/// <c>DomainSysvol\GPO\Machine\registry.pol</c> (and <c>User\registry.pol</c>, HKEY_CURRENT_USER).
/// docs/REGISTRY.md, "GPO backups". File names are matched without case (Windows wrote them). The XML is read
/// without DTDs or external entities.</summary>
internal static class GpoBackupReader
{
    private const string BackupNamespace = "http://www.microsoft.com/GroupPolicy/GPOOperations";
    private const string ManifestNamespace = "http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest";
    private const string UserHive = "HKEY_CURRENT_USER";

    public static void Read(string folder, ImportFindings findings, DiagnosticBag diagnostics)
    {
        var backupXml = Child(folder, "Backup.xml");
        var infoXml = Child(folder, "bkupInfo.xml");
        var sysvol = Child(folder, "DomainSysvol");
        if (backupXml is null && infoXml is null && sysvol is null)
        {
            var inside = Directory.EnumerateDirectories(folder).Where(d => Child(d, "Backup.xml") is not null).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            if (inside is [var only])
            {
                // Backup-GPO -Path writes each backup in a {GUID} folder of the path given: with one there,
                // the folder given can only mean that one.
                var backup = Path.Combine(folder, only!);
                findings.Notes.Add($"{folder} holds one GPO backup: read {backup}");
                Read(backup, findings, diagnostics);
                return;
            }

            Refuse(diagnostics, SourceSpan.StartOf(folder), inside.Count > 0
                ? $"this folder holds {inside.Count} GPO backup(s) ({string.Join(", ", inside.Take(3))}{(inside.Count > 3 ? ", ..." : "")}); give the folder of one of them"
                : "a folder is read as a GPO backup, but this one holds no Backup.xml, bkupInfo.xml or DomainSysvol folder");
            return;
        }

        var names = new List<Sourced<string>>();
        foreach (var (file, ns, path) in new[]
                 {
                     (backupXml, BackupNamespace, new[] { "GroupPolicyBackupScheme", "GroupPolicyObject", "GroupPolicyCoreSettings", "DisplayName" }),
                     (infoXml, ManifestNamespace, new[] { "BackupInst", "GPODisplayName" }),
                 })
        {
            if (file is not null && ImportSources.ReadBytes(file, diagnostics) is { } bytes && DisplayName(file, bytes, ns, path, diagnostics) is { } name)
            {
                names.Add(name);
            }
        }

        if (names.Count == 2 && names[0].Value != names[1].Value)
        {
            Refuse(diagnostics, names[1].From[0].At, $"the GPO is named '{FreeText.Shown(names[1].Value)}' here but '{FreeText.Shown(names[0].Value)}' in {names[0].Where}; one backup names one GPO");
            return;
        }

        if (names.Count > 0)
        {
            findings.GpoNames.Add(new Sourced<string>(names[0].Value, [.. names.SelectMany(n => n.From)]));
        }

        var gpo = sysvol is null ? null : Child(sysvol, "GPO");
        var found = false;
        foreach (var (part, hive) in new[] { ("Machine", TrustClient.Hive), ("User", UserHive) })
        {
            if (Child(gpo, part) is { } partFolder && Child(partFolder, "registry.pol") is { } pol && ImportSources.ReadBytes(pol, diagnostics) is { } polBytes)
            {
                RegistryPolReader.Read(pol, polBytes, hive, findings, diagnostics);
                found = true;
            }
        }

        if (!found)
        {
            findings.Notes.Add($"{folder}: the backup holds no DomainSysvol/GPO/Machine/registry.pol (the GPO sets no registry value): only its name is read");
        }
    }

    /// <summary>The text of the element at <paramref name="path"/> (names in <paramref name="ns"/>), trimmed,
    /// under the free-text rules of gpo.name.</summary>
    private static Sourced<string>? DisplayName(string file, byte[] bytes, string ns, string[] path, DiagnosticBag diagnostics)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            var info = (IXmlLineInfo)reader;
            var depth = 0;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                // Follow the path: an element at the depth of the next step with its name, anything else skipped.
                if (reader.Depth == depth && reader.LocalName == path[depth] && reader.NamespaceURI == ns)
                {
                    if (++depth < path.Length)
                    {
                        continue;
                    }

                    var at = Origin.InText(file, info.LineNumber, info.LinePosition);
                    var name = reader.ReadElementContentAsString().Trim();
                    if (FreeText.Validate(name, GpoPolicy.MaxNameLength) is { } error)
                    {
                        Refuse(diagnostics, at.At, $"the GPO's name cannot be gpo.name: {error}");
                        return null;
                    }

                    return new Sourced<string>(name, at);
                }
            }
        }
        catch (XmlException ex)
        {
            // A prohibited DTD is reported without a place (line 0): the start of the file then.
            Refuse(diagnostics, new SourceSpan(file, Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition)), $"the file is not readable XML: {ex.Message}");
            return null;
        }

        Refuse(diagnostics, SourceSpan.StartOf(file), $"no {string.Join("/", path)} element holds the GPO's name");
        return null;
    }

    /// <summary>The entry of <paramref name="folder"/> named <paramref name="name"/>, compared without case.</summary>
    private static string? Child(string? folder, string name) =>
        folder is null || !Directory.Exists(folder)
            ? null
            : Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).FirstOrDefault(e => Path.GetFileName(e).Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>SFB045: a GPO backup whose name cannot be read, or whose two files name two GPOs.</summary>
    private static void Refuse(DiagnosticBag diagnostics, SourceSpan at, string message) =>
        diagnostics.Error(DiagnosticCodes.GpoBackupUnreadable, at, message);
}
