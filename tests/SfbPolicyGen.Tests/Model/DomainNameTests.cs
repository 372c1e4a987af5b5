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

    [Theory]
    [InlineData("192.168.1.10")]
    [InlineData("192.168.1.10.")]
    [InlineData("1.2")]
    [InlineData("192.168.1.10:5061")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]:5061")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("https://192.168.1.10/")]
    [InlineData("http://[2001:db8::1]:8080/x")]
    public void Refuses_an_ip_address_as_one(string raw)
    {
        Assert.Null(DomainName.Normalize(raw, out var error));
        Assert.Equal("it is an IP address, not a domain name", error);
    }

    [Fact]
    public void An_all_numeric_top_level_label_is_refused()
    {
        Assert.Null(DomainName.Normalize("contoso.123", out var error));
        Assert.Equal("its top-level label '123' is all digits, so it reads as an IP address, not a domain name (RFC 3696 section 2)", error);
    }

    [Fact]
    public void Digits_are_fine_below_the_top_level() =>
        Assert.Equal("365.contoso.com", DomainName.Normalize("365.Contoso.com", out _));

    [Theory]
    [InlineData("https://contoso.com", "contoso.com")]
    [InlineData("https://Contoso.COM/", "contoso.com")]
    [InlineData("https://user:secret@Contoso.com:443/sign-in?next=/x#top", "contoso.com")]
    [InlineData("http://bücher.example/", "xn--bcher-kva.example")]
    [InlineData("ftp://contoso.com.", "contoso.com")]
    [InlineData("sip:alice@contoso.com", "contoso.com")]
    [InlineData("alice@contoso.com", "contoso.com")]
    [InlineData("contoso.com:5061", "contoso.com")]
    [InlineData("contoso.com/sip", "contoso.com")]
    public void A_url_or_address_names_the_host_to_give(string raw, string host)
    {
        Assert.Null(DomainName.Normalize(raw, out var error));
        Assert.Equal($"give the host name only: {host}", error);
    }

    [Fact]
    public void A_url_whose_host_is_no_domain_says_why()
    {
        Assert.Null(DomainName.Normalize("https://localhost:8443/", out var error));
        Assert.Equal("give the host name only; here 'localhost', which is not a domain name either: a domain name needs at least two labels (e.g. contoso.com)", error);
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
