using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Consumers;

/// <summary>ad/Enable-SipUsers.ps1 of every golden case that has one, run for real against the
/// ActiveDirectory stand-ins: every listed user and every user under the search base that the filter
/// selects ends with msRTCSIP-UserEnabled TRUE; users outside, or not selected, are untouched; a second
/// run and a -WhatIf run change nothing; a listed user that does not exist is reported.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public class ActiveDirectoryScriptRunTests
{
    private const string Outsider = "CN=Grace,OU=Sales,DC=corp,DC=example";

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void Apply_enables_the_listed_and_selected_users_only(string name)
    {
        foreach (var (directory, script) in Scripts(name))
        {
            var state = Seeded(directory);
            var enabled = Enabled(directory, state);

            var run = WindowsStandIns.Run(script, state);

            var expected = Seeded(directory);
            foreach (var dn in enabled)
            {
                expected.Directory.Find(dn)!.Attributes[FormatFacts.SipEnabledAttribute] = true;
            }

            Assert.Equal(expected.Lines(), state.Lines());
            Assert.Contains($"{enabled.Count(dn => Seeded(directory).Directory.Find(dn)!.Text(FormatFacts.SipEnabledAttribute) != "TRUE")} user(s) changed, 0 not found.", run.Output);
            Assert.Equal(["ActiveDirectory"], state.Modules);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_second_run_changes_nothing_and_says_so(string name)
    {
        foreach (var (directory, script) in Scripts(name))
        {
            var state = Seeded(directory);
            WindowsStandIns.Run(script, state);
            state.Changes.Clear();
            var after = state.Lines();

            var again = WindowsStandIns.Run(script, state);

            Assert.Empty(state.Changes);
            Assert.Equal(after, state.Lines());
            Assert.Equal("0 user(s) changed, 0 not found.", again.Output[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void WhatIf_changes_nothing(string name)
    {
        foreach (var (directory, script) in Scripts(name))
        {
            WindowsStandIns.RunChangingNothing(script, Seeded(directory), WindowsStandIns.WhatIf);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenCases.ValidWithSample), MemberType = typeof(GoldenCases))]
    public void A_listed_user_that_does_not_exist_is_reported(string name)
    {
        foreach (var (directory, script) in Scripts(name))
        {
            var state = Seeded(directory);
            state.Directory.Users.RemoveAt(0);

            var run = WindowsStandIns.Run(script, state);

            Assert.Contains($"not found: {directory.Users[0].Value}", run.Warnings);
            Assert.EndsWith(" user(s) changed, 1 not found.", run.Output.Single(line => line.Contains("user(s) changed", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    /// <summary>Each listed user (found by the form the policy gives: a UPN in other case, a DN, a
    /// sAMAccountName), in turn FALSE, unset, FALSE, TRUE; under the search base a user the filter selects,
    /// one already TRUE, one unset and a computer; a user outside the base.</summary>
    private static WindowsState Seeded(ActiveDirectoryPolicy directory)
    {
        var state = new WindowsState();
        bool?[] sip = [false, null, false, true];
        for (var i = 0; i < directory.Users.Length; i++)
        {
            var (kind, value) = (directory.Users[i].Kind, directory.Users[i].Value);
            var (dn, sam, upn) = kind switch
            {
                DirectoryUserKind.UserPrincipalName => ($"CN=User {i},OU=Staff,DC=corp,DC=example", $"user{i}", value.ToUpperInvariant()),
                DirectoryUserKind.DistinguishedName => (value, $"user{i}", $"user{i}@corp.example"),
                DirectoryUserKind.SamAccountName => ($"CN=User {i},OU=Staff,DC=corp,DC=example", value, $"user{i}@corp.example"),
            };
            state.Directory.User(dn, sam, upn, sip[i % sip.Length]);
        }

        if (directory.SearchBase is { } searchBase)
        {
            state.Directory
                .User($"CN=Dave,{searchBase}", "dave", "dave@corp.example", false)
                .User($"CN=Erin,{searchBase}", "erin", "erin@corp.example", true)
                .User($"CN=Frank,{searchBase}", "frank", "frank@corp.example", null)
                .User($"CN=KIOSK01,{searchBase}", "KIOSK01$", null, false, objectClass: "computer");
        }

        state.Directory.User(Outsider, "grace", "grace@corp.example", false);
        return state;
    }

    /// <summary>The distinguished names that must end SIP-enabled: the listed users, and those under the
    /// search base that the policy's filter selects (RFC 4515, evaluated by the test's LdapFilter).</summary>
    private static IReadOnlyList<string> Enabled(ActiveDirectoryPolicy directory, WindowsState seeded)
    {
        var listed = seeded.Directory.Users.Take(directory.Users.Length).Select(u => u.DistinguishedName);
        var selected = directory.SearchBase is null ? [] : seeded.Directory.Users
            .Where(u => u.DistinguishedName.EndsWith("," + directory.SearchBase, StringComparison.OrdinalIgnoreCase) && LdapFilter.Matches(directory.Filter, u.Text))
            .Select(u => u.DistinguishedName);
        return [.. listed.Concat(selected).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static IEnumerable<(ActiveDirectoryPolicy Directory, byte[] Script)> Scripts(string name)
    {
        var tenants = GoldenCases.Tenants(name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return ConsumerSuite.Artifacts(name, "ad-script").Select(a => (tenants[a.Tenant].ActiveDirectory!, File.ReadAllBytes(a.FullPath)));
    }
}
