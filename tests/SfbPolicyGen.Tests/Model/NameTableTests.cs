using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Model;

/// <summary>The YAML names are what users' files say (README, "policies.yaml reference"): renaming one
/// breaks them, so the names are pinned here, each enum member with its own.</summary>
public class NameTableTests
{
    [Fact]
    public void Every_member_of_each_enum_has_its_readme_name() =>
        Assert.Equal(
            [
                "none=None", "tmg=Tmg", "other=Other",
                "troubleshooting=Troubleshooting", "skype-online=SkypeOnline", "teams-only=TeamsOnly",
                "worldwide=Worldwide", "germany=Germany", "21vianet=China21Vianet",
            ],
            [.. Pairs(ProxyKindNames.Table), .. Pairs(DnsProfileNames.Table), .. Pairs(DnsCloudNames.Table)]);

    [Fact]
    public void Names_read_back_ordinally()
    {
        Assert.True(DnsProfileNames.Table.TryParse("skype-online", out var profile));
        Assert.Equal(DnsProfile.SkypeOnline, profile);
        Assert.False(DnsProfileNames.Table.TryParse("Skype-Online", out _));
        Assert.True(TrustClient.Names.TryParse("lync2013", out var client));
        Assert.Same(TrustClient.Lync2013, client);
        Assert.Equal(["0", "1"], ProxyApplication.SwitchValues.Names);
        Assert.Equal(Languages.Supported, Languages.Names.Names);
    }

    /// <summary>"name=Member" for every member, in declaration order, each name read back.</summary>
    private static IEnumerable<string> Pairs<T>(NameTable<T> table)
        where T : struct, Enum
    {
        Assert.Equal(Enum.GetValues<T>(), table.Values);
        return table.Names.Select(name => table.TryParse(name, out var member) ? $"{name}={member}" : $"{name} does not read back");
    }
}
