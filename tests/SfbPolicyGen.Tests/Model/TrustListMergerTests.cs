using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Model;

public class TrustListMergerTests
{
    [Fact]
    public void Keeps_existing_first_then_defaults_then_domains_then_add()
    {
        var merged = TrustListMerger.Merge(["old.example"], true, ["contoso.com"], ["partner.example"]);
        Assert.Equal<string>(["old.example", "lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com", "contoso.com", "partner.example"], merged);
    }

    [Fact]
    public void Each_name_once_first_occurrence_wins()
    {
        var merged = TrustListMerger.Merge(["contoso.com", "outlook.com"], true, ["contoso.com", "fabrikam.com"], ["fabrikam.com", "lync.com"]);
        Assert.Equal<string>(["contoso.com", "outlook.com", "lync.com", "lync.glbdns.microsoft.com", "microsoftonline.com", "fabrikam.com"], merged);
    }

    [Fact]
    public void Drops_the_defaults_only_when_asked()
    {
        Assert.Equal<string>(["contoso.com"], TrustListMerger.Merge([], false, ["contoso.com"], []));
    }
}
