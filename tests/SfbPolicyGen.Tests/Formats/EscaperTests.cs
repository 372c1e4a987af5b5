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

    [Theory]
    [InlineData("Contoso Ltd", "Contoso Ltd")]
    [InlineData("[x](http://e)", "\\[x\\]\\(http\\:\\/\\/e\\)")]
    [InlineData("*a* | `b` <i>", "\\*a\\* \\| \\`b\\` \\<i\\>")]
    [InlineData("Tailspin — Ventes", "Tailspin — Ventes")]
    public void Markdown_escape_makes_punctuation_inert(string value, string expected) => Assert.Equal(expected, MarkdownText.Escape(value));

    [Theory]
    [InlineData("a]b")]
    [InlineData("a=b")]
    [InlineData("a;b")]
    [InlineData(" a")]
    [InlineData("")]
    public void Ini_names_refuse_what_would_change_the_structure(string value) => Assert.Throws<ArgumentException>(() => IniText.Name(value));
}
