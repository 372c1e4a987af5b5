using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Model;

public class FreeTextTests
{
    [Theory]
    [InlineData("contoso", "contoso")]
    [InlineData("a\u202Eb", "a\\u202Eb")]
    [InlineData("esc\u001b[2J", "esc\\u001B[2J")]
    [InlineData("line\nbreak\r", "line\\u000Abreak\\u000D")]
    [InlineData("zero\u200Bwidth\uFEFF", "zero\\u200Bwidth\\uFEFF")]
    [InlineData("sep\u2028arator", "sep\\u2028arator")]
    [InlineData("tag\U000E0041", "tag\\U000E0041")]
    [InlineData("ünïcödé 😀", "ünïcödé 😀")]
    public void Shown_writes_what_must_not_reach_a_screen_as_escapes(string text, string shown) =>
        Assert.Equal(shown, FreeText.Shown(text));

    [Fact]
    public void Shown_escapes_a_lone_surrogate_which_no_output_encoding_carries() =>
        Assert.Equal("lone\\uD800 \\uDC00", FreeText.Shown("lone" + '\uD800' + " " + '\uDC00'));

    [Fact]
    public void Shown_cuts_long_text_never_inside_an_escape()
    {
        Assert.Equal(new string('x', 80), FreeText.Shown(new string('x', 80)));
        Assert.Equal(new string('x', 77) + "...", FreeText.Shown(new string('x', 81)));
        Assert.Equal(new string('x', 75) + "...", FreeText.Shown(new string('x', 75) + "\u202E" + new string('x', 10)));
        Assert.Equal("ab...", FreeText.Shown("ab\u202Ecdef", 8));
    }
}
