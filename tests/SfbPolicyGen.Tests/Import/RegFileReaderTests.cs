using System.Text;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Import;

/// <summary>.reg exports (docs/REGISTRY.md, ".reg files"): regedit 5.00 in UTF-16LE, REGEDIT4 in Windows-1252, and
/// every way a file can be unreadable or hold TrustModelData in a type the client does not read.</summary>
public sealed class RegFileReaderTests : IDisposable
{
    private const string Header = FormatFacts.RegHeader + "\r\n\r\n";
    private const string Communicator = @"[HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Communicator]";
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_regedit_export_gives_each_client_keys_value_in_order_whatever_the_case_of_the_key()
    {
        var reg = _folder.Reg("export.reg", Header
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync]\r\n\"OtherValue\"=dword:00000001\r\n\"TrustModelData\"=\"Partner.Example, lync.com,outlook.com,lync.glbdns.microsoft.com,microsoftonline.com,,contoso.com\"\r\n\r\n"
            + Communicator + "\r\n\"TrustModelData\"=\"contoso.com\"\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\Software\\Other]\r\n@=\"x\"\r\n\r\n");

        var (findings, diagnostics) = ImportTestFolder.Read(reg);

        Assert.Empty(diagnostics);
        Assert.Collection(
            findings.TrustValues,
            skype =>
            {
                Assert.Equal((TrustClient.Skype2016, "HKEY_LOCAL_MACHINE", 5), (skype.Client, skype.Hive, skype.At.At.Line));
                Assert.Equal<string>(["partner.example", "lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com", "contoso.com"], skype.Entries!.Value);
            },
            communicator => Assert.Equal<string>(["contoso.com"], communicator.Entries!.Value));
        Assert.Contains(findings.Ignored, i => i.EndsWith(
            "1 other key and 2 other values not read (import takes TrustModelData under the client keys only): \"OtherValue\" (line 4), [HKEY_LOCAL_MACHINE\\Software\\Other] (line 10), @ (line 11)",
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_regedit4_file_is_read_in_windows_1252_and_hkcu_and_deletions_are_kept_apart()
    {
        // 0xE9 is 'é' in Windows-1252 (and not UTF-8): in another key's value, where it may be.
        var text = "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Communicator]\r\n\"TrustModelData\"=\"contoso.com\"\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\Software\\Other]\r\n\"Name\"=\"caf\u00e9\"\r\n\r\n"
            + "[-HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Office\\15.0]\r\n\r\n";
        var reg = _folder.File("regedit4.reg", Encoding.Latin1.GetBytes(text));

        var (findings, diagnostics) = ImportTestFolder.Read(reg);

        Assert.Empty(diagnostics);
        Assert.Collection(
            findings.TrustValues,
            user => Assert.Equal((TrustClient.Communicator, "HKEY_CURRENT_USER", false, "contoso.com"), (user.Client, user.Hive, user.IsMachine, string.Join(',', user.Entries!.Value))),
            deleted => Assert.Equal((TrustClient.Lync2013, "HKEY_LOCAL_MACHINE", (System.Collections.Immutable.ImmutableArray<string>?)null), (deleted.Client, deleted.Hive, deleted.Entries)));
    }

    [Fact]
    public void A_value_set_twice_is_read_from_its_last_line_and_said_so_and_hex1_is_a_string()
    {
        var hex = string.Join(",", Encoding.Unicode.GetBytes("a.example,b.example\0").Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        var reg = _folder.Reg("twice.reg", Header + Communicator + "\r\n\"TrustModelData\"=\"first.example\"\r\n\r\n"
            + Communicator + "\r\n\"TrustModelData\"=hex(1):" + hex[..29] + ",\\\r\n  " + hex[30..] + "\r\n\r\n");

        var (findings, diagnostics) = ImportTestFolder.Read(reg);

        Assert.Empty(diagnostics);
        var value = Assert.Single(findings.TrustValues);
        Assert.Equal<string>(["a.example", "b.example"], value.Entries!.Value);
        Assert.Contains(findings.Notes, n => n.Contains("at lines 4 and 7; regedit applies a file in order, so line 7 is read", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"TrustModelData\"=hex(2):61,00,00,00", "SFB043", 4, 18, "TrustModelData is REG_EXPAND_SZ (hex(2):) here")]
    [InlineData("\"TrustModelData\"=hex(7):61,00,00,00,00,00", "SFB043", 4, 18, "TrustModelData is REG_MULTI_SZ (hex(7):) here")]
    [InlineData("\"TrustModelData\"=hex:01,02", "SFB043", 4, 18, "TrustModelData is REG_BINARY (hex:) here")]
    [InlineData("\"TrustModelData\"=dword:00000001", "SFB043", 4, 18, "TrustModelData is REG_DWORD (dword:) here")]
    [InlineData("\"TrustModelData\"=hex(1):61,00,00,00,62,00,00,00", "SFB043", 4, 18, "holds a NUL before its end")]
    [InlineData("\"TrustModelData\"=\"contoso.com,*.partner.example\"", "SFB047", 4, 18, "'*.partner.example', entry 2 of TrustModelData, is not a domain name")]
    [InlineData("\"TrustModelData\"=\"contoso\"", "SFB047", 4, 18, "a domain name needs at least two labels")]
    [InlineData("\"TrustModelData\"=\"a.example\\nb.example\"", "SFB042", 4, 28, "only \\\\ and \\\" are escapes")]
    [InlineData("\"TrustModelData\"=\"a.example", "SFB042", 4, 28, "a string must be closed")]
    [InlineData("\"TrustModelData\"=hex:0g", "SFB042", 4, 18, "'0g' in the hex data is not a byte")]
    [InlineData("TrustModelData=\"a.example\"", "SFB042", 4, 1, "this line is not a key")]
    [InlineData("\"TrustModelData\" \"a.example\"", "SFB042", 4, 17, "'=' must follow the value name")]
    public void A_value_the_client_would_not_read_as_a_list_of_names_is_a_positioned_error(string valueLine, string code, int line, int column, string message)
    {
        var reg = _folder.Reg("bad.reg", Header + Communicator + "\r\n" + valueLine + "\r\n\r\n");

        var diagnostic = Assert.Single(ImportTestFolder.Read(reg).Diagnostics);

        Assert.Equal((code, reg, line, column), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_encodings_and_headers_are_errors_at_their_place()
    {
        // A lone high surrogate (D800) on line 4 of a UTF-16LE file.
        var surrogate = _folder.File("surrogate.reg", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Header + Communicator + "\r\n\"TrustModelData\"=\"a"), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("\"\r\n")]);
        var bigEndian = _folder.File("big-endian.reg", [0xFE, 0xFF, 0x00, 0x57]);
        var notReg = _folder.Reg("not.reg", "Windows Registry Editor Version 6.00\r\n");
        var utf8 = _folder.File("invalid-utf8.reg", [.. Encoding.ASCII.GetBytes("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\x]\r\n\"a\"=\""), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"\r\n")]);
        var nul = _folder.File("nul.reg", [.. Encoding.ASCII.GetBytes("REGEDIT4\r\n"), 0x00, 0x41]);

        var diagnostics = ImportTestFolder.Read(surrogate, bigEndian, notReg, utf8, nul).Diagnostics;

        Assert.Equal(
        [
            ("big-endian.reg", 1, 1, "SFB042"),
            ("invalid-utf8.reg", 4, 6, "SFB042"),
            ("not.reg", 1, 1, "SFB042"),
            ("nul.reg", 1, 1, "SFB042"),
            ("surrogate.reg", 4, 20, "SFB042"),
        ],
        diagnostics.Select(d => (Path.GetFileName(d.File)!, d.Line, d.Column, d.Code)));
        Assert.Contains("UTF-16 big-endian", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("byte 0xC3", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Contains("found 'Windows Registry Editor Version 6.00'", diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("not UTF-16LE", diagnostics[4].Message, StringComparison.Ordinal);
    }
}
