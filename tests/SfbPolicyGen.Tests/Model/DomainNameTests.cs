using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Model;

public class DomainNameTests
{
    [Theory]
    [InlineData("contoso.com", "contoso.com")]
    [InlineData("  Contoso.COM. ", "contoso.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example", "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("a-b.c-d.example", "a-b.c-d.example")]
    public void Normalises_valid_names(string raw, string expected)
    {
        Assert.Equal(expected, DomainName.Normalize(raw, out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "empty")]
    [InlineData("localhost", "two labels")]
    [InlineData("a..example", "empty label")]
    [InlineData("-a.example", "starts or ends")]
    [InlineData("a-.example", "starts or ends")]
    [InlineData("under_score.example", "'_'")]
    [InlineData("sp ace.example", "U+0020")]
    [InlineData("quote\".example", "'\"'")]
    [InlineData("semi;colon.example", "';'")]
    [InlineData("new\nline.example", "U+000A")]
    [InlineData("contoso.com..", "empty label")]
    public void Refuses_invalid_names_saying_why(string raw, string reason)
    {
        Assert.Null(DomainName.Normalize(raw, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_label_of_64_and_a_name_over_253()
    {
        Assert.NotNull(DomainName.Normalize(new string('a', 63) + ".example", out _));
        Assert.Null(DomainName.Normalize(new string('a', 64) + ".example", out var label));
        Assert.Contains("at most 63", label, StringComparison.Ordinal);

        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61);
        Assert.Equal(253, longest.Length);
        Assert.NotNull(DomainName.Normalize(longest, out _));
        Assert.Null(DomainName.Normalize(longest + "b", out var name));
        Assert.Contains("at most 253", name, StringComparison.Ordinal);
    }
}
