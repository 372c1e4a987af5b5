using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>The time section: opt-in, its defaults, the peers as w32tm's manualpeerlist takes them
/// (host by the domain-name rules, flags 0x1, 0x8 or 0x9), the skew from 1 to 3600 seconds; every refusal
/// at the value's position, with its message written here.</summary>
public class TimeSectionTests
{
    private const string Head = "tenant: {name: c}\ndomains: [c.example]\n";

    private static (TenantPolicy? Policy, IReadOnlyList<string> Diagnostics) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var policy = PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes(Head + yaml), bag);
        return (policy, [.. bag.Sorted().Select(d => d.ToString())]);
    }

    [Fact]
    public void Without_a_time_section_there_is_no_time_policy()
    {
        var (policy, diagnostics) = Load("");
        Assert.Empty(diagnostics);
        Assert.Null(policy!.Time);
    }

    [Fact]
    public void An_empty_section_takes_every_default()
    {
        var (policy, diagnostics) = Load("time: {}\n");
        Assert.Empty(diagnostics);
        Assert.Equal("time.windows.com,0x8", policy!.Time!.ManualPeerList);
        Assert.Equal(300, policy.Time.MaxSkewSeconds);
    }

    [Fact]
    public void Peers_are_normalised_and_kept_in_the_order_written()
    {
        var (policy, diagnostics) = Load("time:\n  ntpServers: [NTP1.Example.org., \"ntp2.example.org,0X9\", \"bücher.example,0x1\"]\n  maxSkewSeconds: 3600\n");
        Assert.Empty(diagnostics);
        Assert.Equal("ntp1.example.org ntp2.example.org,0x9 xn--bcher-kva.example,0x1", policy!.Time!.ManualPeerList);
        Assert.Equal<NtpPeer>([new("ntp1.example.org", null), new("ntp2.example.org", "0x9"), new("xn--bcher-kva.example", "0x1")], policy.Time.NtpServers);
        Assert.Equal(3600, policy.Time.MaxSkewSeconds);
    }

    [Theory]
    [InlineData("time:\n  ntpServers: [\"bad_host!,0x8\"]\n", "p.yaml(4,16): error SFB035: 'bad_host!,0x8' in 'time.ntpServers' is refused: 'bad_host!' is not a valid host name:")]
    [InlineData("time:\n  ntpServers: [\"ntp.example.org,0x2\"]\n", "p.yaml(4,16): error SFB035: 'ntp.example.org,0x2' in 'time.ntpServers' is refused: the flags '0x2' are not one of 0x1, 0x8, 0x9 (0x1 special interval, 0x8 client mode, 0x9 both)")]
    [InlineData("time:\n  ntpServers: [\"ntp.example.org,\"]\n", "p.yaml(4,16): error SFB035: 'ntp.example.org,' in 'time.ntpServers' is refused: the flags '' are not one of 0x1, 0x8, 0x9 (0x1 special interval, 0x8 client mode, 0x9 both)")]
    [InlineData("time:\n  ntpServers: [\"https://ntp.example.org\"]\n", "p.yaml(4,16): error SFB035: 'https://ntp.example.org' in 'time.ntpServers' is refused: 'https://ntp.example.org' is not a valid host name: give the host name only: ntp.example.org")]
    [InlineData("time:\n  ntpServers: [time.windows.com,0x8]\n", "p.yaml(4,33): error SFB035: '0x8' in 'time.ntpServers' is refused: '0x8' is flags without a host: in a flow list a comma ends the entry, so quote it (\"time.windows.com,0x8\") or use a block list (- time.windows.com,0x8)")]
    [InlineData("time:\n  ntpServers: [a.example, \"A.example,0x8\"]\n", "p.yaml(4,27): error SFB016: 'A.example,0x8' is listed twice in 'time.ntpServers' (as 'a.example', first at line 4)")]
    [InlineData("time:\n  ntpServers: []\n", "p.yaml(4,15): error SFB015: 'time.ntpServers' is empty: list at least one NTP server, or leave the key out for time.windows.com,0x8")]
    [InlineData("time:\n  maxSkewSeconds: 0\n", "p.yaml(4,19): error SFB024: 'time.maxSkewSeconds' must be a whole number from 1 to 3600 (seconds, no unit), found '0'")]
    [InlineData("time:\n  maxSkewSeconds: 3601\n", "p.yaml(4,19): error SFB024: 'time.maxSkewSeconds' must be a whole number from 1 to 3600 (seconds, no unit), found '3601'")]
    [InlineData("time:\n  maxSkewSeconds: 5m\n", "p.yaml(4,19): error SFB024: 'time.maxSkewSeconds' must be a whole number from 1 to 3600 (seconds, no unit), found '5m'")]
    [InlineData("time:\n  ntpServer: [a.example]\n", "p.yaml(4,3): error SFB010:")]
    [InlineData("time: [a.example]\n", "p.yaml(3,7): error SFB012: 'time' must be a mapping, found a list")]
    public void A_refused_value_is_reported_where_it_is_written(string yaml, string expected)
    {
        var (policy, diagnostics) = Load(yaml);
        Assert.Null(policy);
        Assert.StartsWith(expected, Assert.Single(diagnostics), StringComparison.Ordinal);
    }
}
