using System.Text;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Import;

/// <summary>Registry.pol ([MS-GPREG] 2.2.1, docs/REGISTRY.md, "Registry.pol" and "GPO backups") and GPO backup folders, built
/// byte by byte and file by file here.</summary>
public sealed class RegistryPolReaderTests : IDisposable
{
    private const string Communicator = @"Software\Policies\Microsoft\Communicator";
    private const string Skype = @"Software\Policies\Microsoft\Office\16.0\Lync";
    private const string Lync2013 = @"Software\Policies\Microsoft\Office\15.0\Lync";
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Entries_apply_in_order_deletions_included_and_the_folder_names_the_hive()
    {
        var pol = PolBytes.Of(
            ("Software\\Other", "TrustModelData", 1, PolBytes.Sz("ignored.example")),
            (Communicator, "**delvals.", 1, PolBytes.Sz(" ")),
            (Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com,lync.com")),
            (Skype.ToUpperInvariant(), "TrustModelData", 1, PolBytes.Sz("old.example")),
            (Skype, "**del.TrustModelData", 1, PolBytes.Sz(" ")),
            (Lync2013, "**deletevalues", 1, PolBytes.Sz("Other;TrustModelData")));
        var machine = _folder.File("gpo/Machine/Registry.pol", pol);
        var user = _folder.File("gpo/User/Registry.pol", PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("user.example"))));

        var (findings, diagnostics) = ImportTestFolder.Read(machine, user);

        Assert.Empty(diagnostics);
        Assert.Equal(
        [
            ("communicator", "HKEY_LOCAL_MACHINE", "contoso.com,lync.com", 3),
            ("skype2016", "HKEY_LOCAL_MACHINE", "(deleted)", 5),
            ("lync2013", "HKEY_LOCAL_MACHINE", "(deleted)", 6),
            ("communicator", "HKEY_CURRENT_USER", "user.example", 1),
        ],
        findings.TrustValues.Select(v => (v.Client.Id, v.Hive, v.Entries is { } e ? string.Join(',', e) : "(deleted)", v.At.At.Line)));
        Assert.Contains(findings.Notes, n => n.Contains("entries 4 and 5; Group Policy applies entries in order, so entry 5 is read", StringComparison.Ordinal));
        Assert.Contains(findings.Ignored, n => n.EndsWith("1 other entry not read (import takes TrustModelData under the client keys only): Software\\Other\\TrustModelData (entry 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_registry_pol_outside_a_machine_or_user_folder_is_read_as_machine_policy_and_said_so()
    {
        var pol = _folder.File("exported.pol", PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com"))));

        var (findings, _) = ImportTestFolder.Read(pol);

        Assert.Equal("HKEY_LOCAL_MACHINE", Assert.Single(findings.TrustValues).Hive);
        Assert.Contains(findings.Notes, n => n.Contains("is read as a machine policy (HKEY_LOCAL_MACHINE)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2u, "TrustModelData is REG_EXPAND_SZ here")]
    [InlineData(7u, "TrustModelData is REG_MULTI_SZ here")]
    [InlineData(3u, "TrustModelData is REG_BINARY here")]
    [InlineData(4u, "TrustModelData is REG_DWORD here")]
    public void TrustModelData_of_another_type_than_reg_sz_is_refused_at_its_entry(uint type, string message)
    {
        var pol = _folder.File("Machine/Registry.pol", PolBytes.Of((Communicator, "Other", 4, [1, 0, 0, 0]), (Communicator, "TrustModelData", type, PolBytes.Sz("contoso.com"))));

        var diagnostic = Assert.Single(ImportTestFolder.Read(pol).Diagnostics);

        Assert.Equal(("SFB043", 2, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string, int, string> Damaged => new()
    {
        { "a wrong signature", [.. "PRef"u8, 1, 0, 0, 0], "SFB044", 1, "does not start with the Registry.pol header" },
        { "a wrong version", [.. "PReg"u8, 2, 0, 0, 0], "SFB044", 1, "does not start with the Registry.pol header" },
        { "a truncated entry", PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com")))[..40], "SFB044", 1, "entry 1, at byte 8, is not [key;value;type;size;data]" },
        { "a size past the end", Oversized(), "SFB044", 1, "runs past the end of the file" },
        { "an odd data size", PolBytes.Of((Communicator, "TrustModelData", 1, [.. PolBytes.Sz("a.example"), 0])), "SFB043", 1, "has an odd number of bytes (21)" },
        { "a NUL inside the data", PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("a.example\0b.example"))), "SFB043", 1, "holds a NUL before its end" },
        { "a lone surrogate in the data", PolBytes.Of((Communicator, "TrustModelData", 1, [0x61, 0, 0x00, 0xD8, 0, 0])), "SFB043", 1, "is not UTF-16LE text" },
        { "an entry that is not a name", PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com;partner.example"))), "SFB047", 1, "'contoso.com;partner.example', entry 1 of TrustModelData" },
        { "trailing garbage", [.. PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com"))), 0x41], "SFB044", 2, "entry 2, at byte" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_file_is_refused_at_the_entry_where_it_breaks(string what, byte[] bytes, string code, int entry, string message)
    {
        var pol = _folder.File("Machine/Registry.pol", bytes);

        var diagnostic = Assert.Single(ImportTestFolder.Read(pol).Diagnostics);

        Assert.True((code, entry) == (diagnostic.Code, diagnostic.Line), $"{what}: {diagnostic}");
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpo_backup_folder_gives_the_gpos_name_and_its_machine_registry_pol()
    {
        var backup = Path.Combine(_folder.Path, "{31B2F340-016D-11D2-945F-00C04FB984F9}");
        _folder.Text("{31B2F340-016D-11D2-945F-00C04FB984F9}/Backup.xml", BackupXml("Skype sign-in & \"trust\""));
        _folder.Text("{31B2F340-016D-11D2-945F-00C04FB984F9}/bkupInfo.xml", BkupInfoXml("Skype sign-in & \"trust\""));
        _folder.File("{31B2F340-016D-11D2-945F-00C04FB984F9}/DomainSysvol/GPO/Machine/registry.pol", PolBytes.Of((Skype, "TrustModelData", 1, PolBytes.Sz("contoso.com"))));

        var (findings, diagnostics) = ImportTestFolder.Read(backup);

        Assert.Empty(diagnostics);
        var name = Assert.Single(findings.GpoNames);
        Assert.Equal("Skype sign-in & \"trust\"", name.Value);
        Assert.Equal([(4, Column(BackupXml(""), 4, "DisplayName")), (2, Column(BkupInfoXml(""), 2, "GPODisplayName"))], name.From.Select(o => (o.At.Line, o.At.Column)));
        var value = Assert.Single(findings.TrustValues);
        Assert.Equal((TrustClient.Skype2016, "HKEY_LOCAL_MACHINE"), (value.Client, value.Hive));
        Assert.DoesNotContain(findings.Notes, n => n.Contains("machine policy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_holding_one_gpo_backup_reads_it_as_backup_gpo_path_writes_it()
    {
        _folder.Text("backups/manifest.xml", "<Backups xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\"/>\n");
        _folder.Text("backups/{A}/Backup.xml", BackupXml("Skype sign-in"));
        _folder.File("backups/{A}/DomainSysvol/GPO/Machine/registry.pol", PolBytes.Of((Skype, "TrustModelData", 1, PolBytes.Sz("contoso.com"))));
        var backups = Path.Combine(_folder.Path, "backups");

        var (findings, diagnostics) = ImportTestFolder.Read(backups);

        Assert.Empty(diagnostics);
        Assert.Equal("Skype sign-in", Assert.Single(findings.GpoNames).Value);
        Assert.Equal(Path.Combine(backups, "{A}", "Backup.xml"), findings.GpoNames[0].From[0].At.File);
        Assert.Equal((TrustClient.Skype2016, "HKEY_LOCAL_MACHINE"), Assert.Single(findings.TrustValues) is var v ? (v.Client, v.Hive) : default);
        Assert.Contains($"{backups} holds one GPO backup: read {Path.Combine(backups, "{A}")}", findings.Notes);
    }

    [Fact]
    public void A_gpo_backup_whose_files_disagree_or_that_cannot_be_read_is_refused()
    {
        _folder.Text("two-names/Backup.xml", BackupXml("One"));
        _folder.Text("two-names/bkupInfo.xml", BkupInfoXml("Two"));
        _folder.Text("dtd/Backup.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>\n");
        _folder.Text("bidi/Backup.xml", BackupXml("a\u202Eb"));
        _folder.Text("backups/{A}/Backup.xml", BackupXml("A"));
        _folder.Text("backups/{B}/Backup.xml", BackupXml("B"));
        Directory.CreateDirectory(Path.Combine(_folder.Path, "empty"));

        var diagnostics = ImportTestFolder.Read([.. new[] { "two-names", "dtd", "bidi", "backups", "empty" }.Select(f => Path.Combine(_folder.Path, f))]).Diagnostics;

        Assert.Equal(
        [
            ("backups", 1, 1, "this folder holds 2 GPO backup(s) ({A}, {B}); give the folder of one of them"),
            ("bidi/Backup.xml", 4, Column(BackupXml(""), 4, "DisplayName"), "the GPO's name cannot be gpo.name: it contains the bidirectional control U+202E, which can make text read differently from what it is"),
            ("dtd/Backup.xml", 1, 1, "the file is not readable XML"),
            ("empty", 1, 1, "a folder is read as a GPO backup, but this one holds no Backup.xml, bkupInfo.xml or DomainSysvol folder"),
            ("two-names/bkupInfo.xml", 2, Column(BkupInfoXml(""), 2, "GPODisplayName"), "the GPO is named 'Two' here but 'One' in"),
        ],
        diagnostics.Select(d => (Path.GetRelativePath(_folder.Path, d.File!).Replace('\\', '/'), d.Line, d.Column, d.Message[..Math.Min(d.Message.Length, Expected(d.Message))])));
        Assert.All(diagnostics, d => Assert.Equal("SFB045", d.Code));
        Assert.Contains("DTD is prohibited", diagnostics[2].Message, StringComparison.Ordinal);

        static int Expected(string message) => message.StartsWith("the file is not", StringComparison.Ordinal) ? 28 : message.StartsWith("the GPO is named", StringComparison.Ordinal) ? 40 : message.Length;
    }

    /// <summary>The 1-based column of an element's name (after its '&lt;') on a line of the test's own XML.</summary>
    private static int Column(string xml, int line, string element) => xml.Split('\n')[line - 1].IndexOf($"<{element}>", StringComparison.Ordinal) + 2;

    /// <summary>Backup.xml as Backup-GPO writes it (GroupPolicyBackupScheme, GPOOperations namespace), its
    /// display name in CDATA on line 4.</summary>
    private static string BackupXml(string name) => $$"""
        <?xml version="1.0" encoding="utf-8"?><!-- Copyright (c) Microsoft Corporation.  All rights reserved. -->
        <GroupPolicyBackupScheme bkp:version="2.0" bkp:type="GroupPolicyBackupTemplate" xmlns:bkp="http://www.microsoft.com/GroupPolicy/GPOOperations" xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations">
            <GroupPolicyObject><SecurityGroups/><FilePaths/>
                <GroupPolicyCoreSettings><ID><![CDATA[{31B2F340-016D-11D2-945F-00C04FB984F9}]]></ID><DisplayName><![CDATA[{{name}}]]></DisplayName><Options><![CDATA[0]]></Options></GroupPolicyCoreSettings>
            </GroupPolicyObject>
        </GroupPolicyBackupScheme>

        """;

    /// <summary>bkupInfo.xml (BackupInst, the Manifest namespace), its GPODisplayName on line 2.</summary>
    private static string BkupInfoXml(string name) => $$"""
        <?xml version="1.0" encoding="utf-8"?>
        <BackupInst xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest"><GPOGuid><![CDATA[{31B2F340}]]></GPOGuid><GPODisplayName><![CDATA[{{name}}]]></GPODisplayName></BackupInst>

        """;

    private static byte[] Oversized()
    {
        var bytes = PolBytes.Of((Communicator, "TrustModelData", 1, PolBytes.Sz("contoso.com")));
        var sizeAt = 8 + Encoding.Unicode.GetByteCount($"[{Communicator}\0;TrustModelData\0;") + 4 + 2;
        BitConverter.GetBytes(uint.MaxValue).CopyTo(bytes, sizeAt);
        return bytes;
    }
}
