using System.Text;

namespace SfbPolicyGen.Tests.Import;

/// <summary>Zone files in the master file format (RFC 1035 section 5, with BIND's $TTL and units):
/// every way of writing the same records, and every way of writing what cannot be read.</summary>
public sealed class ZoneFileReaderTests : IDisposable
{
    private readonly ImportTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Odd_but_valid_syntax_reads_as_the_records_it_means()
    {
        var zone = _folder.Text("db.contoso", """
            ; a zone as people write them: no $ORIGIN, so names are relative to the SOA's owner
            $TTL 1h
            contoso.com. IN  SOA ns1 hostmaster (
                    2024010101 ; serial
                    3600 600 86400 300 )
                IN  NS  ns1.contoso.com.
            ns1 A 192.0.2.1
            sip.contoso.com. 3600 IN CNAME SIPDIR.online.lync.com.
            lyncdiscover IN 60m CNAME webdir.online.lync.com.
            _sip._tls 1H IN SRV 100 1 443 sipdir.online.lync.com.
            _sipfederationtls._tcp SRV ( 100 1 5061
                sipfed.online.lync.com. )
            www CNAME web                ; relative target
            txt TXT "a ; not a comment" "b \" c"
            $ORIGIN sub.contoso.com.
            x A 192.0.2.2

            """);

        var (findings, diagnostics) = ImportTestFolder.Read(zone);

        Assert.Empty(diagnostics);
        var found = Assert.Single(findings.Zones);
        Assert.Equal(("contoso.com", 3), (found.Domain, found.DomainAt.At.Line));
        Assert.Equal(
        [
            "contoso.com. 3600 IN SOA ns1.contoso.com. hostmaster.contoso.com. 2024010101 3600 600 86400 300",
            "contoso.com. 3600 IN NS ns1.contoso.com.",
            "ns1.contoso.com. 3600 IN A 192.0.2.1",
            "sip.contoso.com. 3600 IN CNAME sipdir.online.lync.com.",
            "lyncdiscover.contoso.com. 3600 IN CNAME webdir.online.lync.com.",
            "_sip._tls.contoso.com. 3600 IN SRV 100 1 443 sipdir.online.lync.com.",
            "_sipfederationtls._tcp.contoso.com. 3600 IN SRV 100 1 5061 sipfed.online.lync.com.",
            "www.contoso.com. 3600 IN CNAME web.contoso.com.",
            "txt.contoso.com. 3600 IN TXT \"a ; not a comment\" \"b \\\" c\"",
            "x.sub.contoso.com. 3600 IN A 192.0.2.2",
        ],
        found.Records.Select(r => r.Text));
    }

    [Fact]
    public void Relative_names_follow_the_origin_and_the_owner_carries_over()
    {
        var zone = _folder.Text("contoso.com.zone", "$ORIGIN contoso.com.\n$TTL 300\nsip CNAME sipdir.online.lync.com.\n 600 IN TXT \"same owner\"\n@ 1w2d IN NS ns1\n");

        var found = Assert.Single(ImportTestFolder.Read(zone).Findings.Zones);

        Assert.Equal(("contoso.com", 1), (found.Domain, found.DomainAt.At.Line));
        Assert.Equal(
        [
            ("sip.contoso.com. 300 IN CNAME sipdir.online.lync.com.", 3, 1),
            ("sip.contoso.com. 600 IN TXT \"same owner\"", 4, 1),
            ("contoso.com. 777600 IN NS ns1.contoso.com.", 5, 1),
        ],
        found.Records.Select(r => (r.Text, r.At.At.Line, r.At.At.Column)));
    }

    [Theory]
    [InlineData("$ORIGIN contoso.com.\n$INCLUDE other.zone\n", 2, 1, "$INCLUDE is not followed")]
    [InlineData("$ORIGIN contoso.com.\n$GENERATE 1-9 host$ A 192.0.2.$\n", 2, 1, "$GENERATE is not read")]
    [InlineData("$ORIGIN contoso.com.\n$TTL 1x\n", 2, 6, "'1x' is not a TTL")]
    [InlineData("$ORIGIN contoso.com.\n$TTL 99999999999\n", 2, 6, "is not a TTL")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN CNAME (a.example.\n", 2, 18, "'(' is not closed before the end of the file")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN CNAME a.example. )\n", 2, 29, "')' without '('")]
    [InlineData("$ORIGIN contoso.com.\ntxt 300 IN TXT \"open\n", 2, 16, "a quoted string is not closed on its line")]
    [InlineData("$ORIGIN contoso.com.\nsip CNAME a.example.\n", 2, 1, "has no TTL")]
    [InlineData("sip 300 IN CNAME a.example.\n", 1, 1, "'sip' is relative, but no $ORIGIN is set before it")]
    [InlineData("$ORIGIN contoso.com.\n  300 IN CNAME a.example.\n", 2, 1, "names no owner")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN CNAME a.example. b.example.\n", 2, 1, "a CNAME record has 1 data field(s), this one 2")]
    [InlineData("$ORIGIN contoso.com.\n_sip._tls 300 IN SRV 100 one 443 a.example.\n", 2, 26, "'one' in a SRV record must be a number from 0 to 65535")]
    [InlineData("$ORIGIN contoso.com.\n_sip._tls 300 IN SRV 100 1 70000 a.example.\n", 2, 28, "'70000' in a SRV record must be a number")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN\n", 2, 9, "a record type (CNAME, SRV, A...) must follow")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN \"CNAME\" a.example.\n", 2, 12, "a record type (CNAME, SRV, A...) must follow")]
    [InlineData("$ORIGIN contoso.com.\n@ 300 IN SOA a. b. 1 2 3 4 5\n@ 300 IN SOA a. b. 1 2 3 4 5\n", 3, 1, "a second SOA record")]
    [InlineData("$TTL 300\n", 1, 1, "neither $ORIGIN nor an SOA record says which domain this zone is")]
    [InlineData("$ORIGIN contoso.com.\nsip 300 IN CNAME a\u0007.example.\n", 2, 19, "the control character U+0007")]
    public void What_cannot_be_read_is_an_error_at_its_line_and_column(string text, int line, int column, string message)
    {
        var zone = _folder.Text("bad.zone", text);

        var diagnostic = ImportTestFolder.Read(zone).Diagnostics[0];

        Assert.Equal(("SFB046", line, column), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_bytes_and_a_domain_the_policy_cannot_hold_are_refused()
    {
        var latin1 = _folder.File("latin1.zone", [.. Encoding.ASCII.GetBytes("$ORIGIN contoso.com.\n; caf"), 0xE9, (byte)'\n']);
        var singleLabel = _folder.Text("single.zone", "$ORIGIN intranet.\n$TTL 300\nsip CNAME sipdir.online.lync.com.\n");

        var diagnostics = ImportTestFolder.Read(latin1, singleLabel).Diagnostics;

        Assert.Equal([("latin1.zone", 2, 6, "SFB046"), ("single.zone", 1, 1, "SFB047")], diagnostics.Select(d => (Path.GetFileName(d.File)!, d.Line, d.Column, d.Code)));
        Assert.Contains("byte 0xE9 at offset 26 is not UTF-8", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'intranet', the zone's domain, is not a domain name policies.yaml can hold", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_at_the_size_limit()
    {
        var diagnostic = Assert.Single(ImportTestFolder.Read("/dev/zero").Diagnostics);

        Assert.Equal(("SFB041", "/dev/zero"), (diagnostic.Code, diagnostic.File));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var big = _folder.File("huge.zone", new byte[SfbPolicyGen.Import.ImportSources.MaxSourceBytes + 1]);

        var diagnostic = Assert.Single(ImportTestFolder.Read(big).Diagnostics);

        Assert.Equal(("SFB041", 1, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains("larger than 10 MiB", diagnostic.Message, StringComparison.Ordinal);
    }
}
