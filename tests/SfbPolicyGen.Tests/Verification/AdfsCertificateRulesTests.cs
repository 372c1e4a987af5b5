using SfbPolicyGen.Verification;

namespace SfbPolicyGen.Tests.Verification;

/// <summary>RFC 6125's matching of a presented name (a SAN dNSName or a CN) against the federation
/// service's name, which the model holds lowercase and in punycode.</summary>
public sealed class AdfsCertificateRulesTests
{
    [Theory]
    [InlineData("sts.contoso.com", "sts.contoso.com", true)]
    [InlineData("STS.Contoso.COM", "sts.contoso.com", true)]
    [InlineData("sts.contoso.com.", "sts.contoso.com", true)]
    [InlineData("*.contoso.com", "sts.contoso.com", true)]
    [InlineData("*.CONTOSO.com", "sts.contoso.com", true)]
    [InlineData("*.contoso.com", "a.sts.contoso.com", false)]
    [InlineData("*.contoso.com", "contoso.com", false)]
    [InlineData("*.com", "contoso.com", false)]
    [InlineData("s*.contoso.com", "sts.contoso.com", false)]
    [InlineData("*s.contoso.com", "sts.contoso.com", false)]
    [InlineData("sts.*.com", "sts.contoso.com", false)]
    [InlineData("*.*.com", "sts.contoso.com", false)]
    [InlineData("www.contoso.com", "sts.contoso.com", false)]
    [InlineData("sts.bücher.example", "sts.xn--bcher-kva.example", true)]
    [InlineData("*.xn--bcher-kva.example", "sts.xn--bcher-kva.example", true)]
    [InlineData("*.bücher.example", "sts.xn--bcher-kva.example", true)]
    public void A_presented_name_matches_as_rfc_6125_says(string presented, string name, bool matches) =>
        Assert.Equal(matches, AdfsCertificateRules.Matches(presented, name));
}
