using SfbPolicyGen.Model;
using SfbPolicyGen.Plan;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Plan;

/// <summary>What counts as removed, kind by kind, from the facts of one run to the next (the policy
/// before generated first, so that its records are the tool's), and where the thresholds cut.</summary>
public class RemovalThresholdTests
{
    private const string ThreeSkypeDomains = """
        tenant: {name: t}
        domains: [a.example, b.example, c.example]
        trustModelData: {clients: [communicator, lync2013, skype2016]}
        dns: {profile: skype-online, sipTarget: sipdir.online.lync.com}
        """;

    /// <summary>Removals of <paramref name="after"/> generated over <paramref name="before"/>, by kind:
    /// "removed/existing".</summary>
    private static Dictionary<RemovedKind, string> Count(string before, string after)
    {
        var previous = InMemoryPolicy.Tree(before);
        var next = InMemoryPolicy.Tree(after, before);
        var tenant = Assert.Single(next.Policies);
        return RemovalThresholds.Count(tenant, Assert.Single(previous.Facts), Assert.Single(next.Facts))
            .ToDictionary(r => r.Kind, r => $"{r.Removed}/{r.Existing}");
    }

    [Fact]
    public void Records_no_longer_wanted_count_and_a_ttl_change_does_not()
    {
        var removals = Count(ThreeSkypeDomains, ThreeSkypeDomains.Replace("skype-online,", "troubleshooting, ttl: 600,", StringComparison.Ordinal));
        Assert.Equal("9/12", removals[RemovedKind.DnsRecords]); // lyncdiscover and the two SRV of each domain; sip stays
        Assert.Equal("0/7", removals[RemovedKind.TrustedDomains]);
        Assert.Equal("0/3", removals[RemovedKind.Clients]);
    }

    [Fact]
    public void A_replaced_record_counts_as_removed()
    {
        var removals = Count(ThreeSkypeDomains, ThreeSkypeDomains.Replace("sipTarget: sipdir.online.lync.com", "sipTarget: sipdir.online.microsoft.com", StringComparison.Ordinal));
        Assert.Equal("3/12", removals[RemovedKind.DnsRecords]);
    }

    [Fact]
    public void A_kept_name_is_left_alone_so_it_does_not_count()
    {
        var removals = Count(ThreeSkypeDomains, ThreeSkypeDomains.Replace("skype-online,", "teams-only, keep: [lyncdiscover, _sip._tls.a.example],", StringComparison.Ordinal));
        Assert.Equal("5/12", removals[RemovedKind.DnsRecords]); // sip ×3, _sip._tls of b and c
    }

    /// <summary>Dropped without being retired, a domain's records stay published (plan: "left in
    /// place") and its entry leaves the value; retired, its records go too.</summary>
    [Fact]
    public void A_dropped_domain_removes_its_entry_but_only_a_retired_one_its_records()
    {
        var dropped = Count(ThreeSkypeDomains, ThreeSkypeDomains.Replace("a.example, ", "", StringComparison.Ordinal));
        Assert.Equal(("0/12", "1/7"), (dropped[RemovedKind.DnsRecords], dropped[RemovedKind.TrustedDomains]));
        var retired = Count(ThreeSkypeDomains, ThreeSkypeDomains.Replace("a.example, ", "", StringComparison.Ordinal) + "\nretired: {domains: [a.example]}\n");
        Assert.Equal(("4/12", "1/7"), (retired[RemovedKind.DnsRecords], retired[RemovedKind.TrustedDomains]));
    }

    [Fact]
    public void Trusted_domains_are_counted_once_each_without_case_and_clients_by_their_value()
    {
        var before = "tenant: {name: t}\ndomains: [a.example]\ntrustModelData: {clients: [communicator, lync2013, skype2016], existing: [Partner.example, x.example]}\n";
        var removals = Count(before, "tenant: {name: t}\ndomains: [a.example]\ntrustModelData: {clients: [skype2016], existing: [partner.EXAMPLE], keepMicrosoftDefaults: false}\n");
        Assert.Equal("5/7", removals[RemovedKind.TrustedDomains]); // x.example and Microsoft's four, of 7 in every value
        Assert.Equal("2/3", removals[RemovedKind.Clients]);
    }

    /// <summary>With gpo.name changed the GPO script sets another GPO and removes nothing from the old one,
    /// which keeps the clients' values: no client is removed.</summary>
    [Fact]
    public void Clients_dropped_with_the_gpo_renamed_are_not_removed()
    {
        var dropped = ThreeSkypeDomains.Replace("[communicator, lync2013, skype2016]", "[communicator]", StringComparison.Ordinal);
        Assert.Equal("2/3", Count(ThreeSkypeDomains, dropped)[RemovedKind.Clients]);
        Assert.Equal("0/3", Count(ThreeSkypeDomains, dropped + "\ngpo: {name: Another GPO}\n")[RemovedKind.Clients]);
    }

    /// <summary>Only a tenant the folder already has is counted: one new to it, or one it lost
    /// (--prune), is not in the previous facts or not in the run.</summary>
    [Fact]
    public void A_tenant_new_to_the_folder_removes_nothing()
    {
        var tree = InMemoryPolicy.Tree(ThreeSkypeDomains);
        Assert.Empty(RemovalThresholds.Exceeded(tree, new Dictionary<string, TenantFacts>()));
        var everything = new SafetyPolicy(0, 1);
        Assert.All(RemovalThresholds.Count(tree.Policies[0], TenantFacts.Empty("t"), tree.Facts[0]), r => Assert.False(RemovalThresholds.IsOver(r.Removed, r.Existing, everything)));
    }

    [Theory]
    [InlineData(3, 10, 30, 10, false)] // exactly the threshold is allowed
    [InlineData(4, 10, 30, 10, true)]
    [InlineData(9, 9, 30, 10, false)] // fewer than minExisting: never refused
    [InlineData(10, 10, 30, 10, true)]
    [InlineData(1, 10, 0, 10, true)]
    [InlineData(0, 10, 0, 10, false)]
    [InlineData(10, 10, 100, 10, false)]
    [InlineData(2, 3, 30, 3, true)]
    [InlineData(3001, 10000, 30, 10, true)]
    public void The_thresholds_cut_in_whole_numbers(int removed, int existing, int percent, int minimum, bool over) =>
        Assert.Equal(over, RemovalThresholds.IsOver(removed, existing, new SafetyPolicy(percent, minimum)));

    [Theory]
    [InlineData(12, 20, 30, "60")]
    [InlineData(8, 14, 30, "57.1")]
    [InlineData(1, 3, 30, "33.3")]
    [InlineData(3001, 10000, 30, "30.1")] // 30.01 is never shown as 30
    [InlineData(1, 1000, 0, "0.1")]
    [InlineData(2, 3, 50, "66.6")]
    public void The_share_is_shown_cut_to_a_tenth_but_never_equal_to_the_threshold_it_exceeds(int removed, int existing, int percent, string shown) =>
        Assert.Equal(shown, Removal.Percent(removed, existing, percent));
}
