using SfbPolicyGen.Formats;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Formats;

public class EscaperTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("]=[;", "\"]=[;\"")]
    public void Reg_strings_escape_backslash_and_quote(string value, string expected) => Assert.Equal(expected, RegText.Quoted(value));

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void Reg_strings_refuse_what_a_plain_string_cannot_hold(string value) => Assert.Throws<ArgumentException>(() => RegText.Quoted(value));

    [Fact]
    public void Reg_escaping_round_trips_through_the_strict_reader()
    {
        const string hostile = "x\\\"y\"z\\";
        var text = $"{FormatFacts.RegHeader}\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\T]\r\n{RegText.Quoted("v")}={RegText.Quoted(hostile)}\r\n\r\n";
        var bytes = new System.Text.UnicodeEncoding(false, true).GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray();
        Assert.Equal([new RegEntry("HKEY_LOCAL_MACHINE\\Software\\T", "v", hostile)], StrictRegReader.Parse(bytes));
    }

    [Theory]
    [InlineData("msoidsvc", "'msoidsvc'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("$(Remove-Item C:\\)`n", "'$(Remove-Item C:\\)`n'")]
    [InlineData("a\u2019b", "'a\u2019\u2019b'")]
    public void PowerShell_single_quotes_double_every_quote_character(string value, string expected) =>
        Assert.Equal(expected, PowerShellText.SingleQuoted(value));

    /// <summary>What plan reads back from a script: the value of each literal SingleQuoted wrote, and
    /// nothing from a literal it would not write (a lone quote, another quote closing a doubled one).</summary>
    [Theory]
    [InlineData("'msoidsvc'", "msoidsvc")]
    [InlineData("'it''s'", "it's")]
    [InlineData("''", "")]
    [InlineData("'a\u2019\u2019b\u201A\u201Ac'", "a\u2019b\u201Ac")]
    [InlineData("'it's'", null)]
    [InlineData("'a\u2019'b'", null)]
    [InlineData("'open", null)]
    [InlineData("$null", null)]
    public void PowerShell_literals_read_back_to_their_value(string literal, string? expected) =>
        Assert.Equal(expected, PowerShellText.Unquoted(literal));

    [Theory]
    [InlineData("Contoso Ltd", "Contoso Ltd")]
    [InlineData("[x](http://e)", "\\[x\\](http://e)")]
    [InlineData("*a* | `b` <i>", "\\*a\\* \\| \\`b\\` \\<i\\>")]
    [InlineData("Tailspin — Ventes", "Tailspin — Ventes")]
    [InlineData("dns/contoso.com.zone", "dns/contoso.com.zone")]
    [InlineData("gpo/Set-TrustModelDataGpo.ps1", "gpo/Set-TrustModelDataGpo.ps1")]
    [InlineData("- item", "\\- item")]
    [InlineData("2026. year", "2026\\. year")]
    [InlineData("A & B #1 ~x~ a_b", "A \\& B \\#1 \\~x\\~ a\\_b")]
    public void Markdown_escape_makes_only_what_markdown_reads_inert(string value, string expected) => Assert.Equal(expected, MarkdownText.Escape(value));

    /// <summary>Whatever the text, Markdig (CommonMark) reads the escaped value back to exactly it, as one
    /// paragraph of plain text: no emphasis, code, link, HTML or list.</summary>
    [Theory]
    [InlineData("Fabrikam <Europe> & \"Partners\" [*beta*]")]
    [InlineData("- 1. # > + = | ~~x~~ `c` _e_ **s** <a href=x>h</a> &amp; \\ ![i](u) [l](http://e) http://e")]
    [InlineData("12) list? 3. x")]
    [InlineData("Bellows’ sign-in GPO (it's $(Get-Date) `n)")]
    public void Markdig_reads_the_escaped_text_back_as_itself(string value)
    {
        var document = Markdig.Markdown.Parse(MarkdownText.Escape(value));
        var paragraph = Assert.IsType<Markdig.Syntax.ParagraphBlock>(Assert.Single(document));
        Assert.All(paragraph.Inline!, inline => Assert.True(inline is Markdig.Syntax.Inlines.LiteralInline, inline.GetType().Name));
        Assert.Equal(value, string.Concat(paragraph.Inline!.Cast<Markdig.Syntax.Inlines.LiteralInline>().Select(l => l.Content.ToString())));
    }

    [Theory]
    [InlineData("a]b")]
    [InlineData("a=b")]
    [InlineData("a;b")]
    [InlineData(" a")]
    [InlineData("")]
    public void Ini_names_refuse_what_would_change_the_structure(string value) => Assert.Throws<ArgumentException>(() => IniText.Name(value));
}
