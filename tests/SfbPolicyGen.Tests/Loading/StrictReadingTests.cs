using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;

namespace SfbPolicyGen.Tests.Loading;

/// <summary>Issue 21: what the loader used to accept silently or report in words that hid the cause
/// (empty list entries, encodings it cannot read, quoted or tagged values, deep nesting).</summary>
public class StrictReadingTests
{
    private const string Head = "tenant: {name: c}\n";

    [Theory]
    [InlineData("domains:\n  -\n", "p.yaml(3,4): error SFB017: 'domains' holds an empty entry (nothing after '-' or between commas): write a value or remove the entry")]
    [InlineData("domains: [~]\n", "p.yaml(2,11): error SFB017: 'domains' holds an empty entry ('~', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [null, a.example]\n", "p.yaml(2,11): error SFB017: 'domains' holds an empty entry ('null', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\ntrustModelData: {clients: [~]}\n", "p.yaml(3,28): error SFB017: 'trustModelData.clients' holds an empty entry ('~', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\ntrustModelData: {existing: [a.example, ~]}\n", "p.yaml(3,40): error SFB017: 'trustModelData.existing' holds an empty entry ('~', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\ntrustModelData: {add: [NULL]}\n", "p.yaml(3,24): error SFB017: 'trustModelData.add' holds an empty entry ('NULL', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\nadmx: {languages: [en-US, ~]}\n", "p.yaml(3,27): error SFB017: 'admx.languages' holds an empty entry ('~', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\nactiveDirectory: {users: [~]}\n", "p.yaml(3,27): error SFB017: 'activeDirectory.users' holds an empty entry ('~', which YAML reads as null): write a value or remove the entry")]
    [InlineData("domains: [a.example]\nactiveDirectory: {users: []}\n", "p.yaml(3,26): error SFB015: 'activeDirectory.users' is empty: list at least one user, or leave the key out and use 'searchBase'")]
    public void An_empty_entry_or_list_is_refused_at_its_place(string body, string expected) =>
        Assert.Equal([expected], Load(Head + body));

    [Fact]
    public void Every_list_refuses_an_empty_entry()
    {
        // One empty entry in each list the policy has: each is refused where it stands.
        var yaml = Head + """
            domains: [a.example, ~]
            trustModelData: {clients: [~], existing: [~], add: [~]}
            retired: {domains: [~], clients: [~]}
            admx: {languages: [~]}
            proxy: {kind: tmg, applications: [~]}
            dns: {manage: [~], keep: [~]}
            activeDirectory: {users: [~]}

            """;
        Assert.Equal(
            ["(2,22) 'domains'", "(3,28) 'trustModelData.clients'", "(3,43) 'trustModelData.existing'", "(3,53) 'trustModelData.add'",
             "(4,21) 'retired.domains'", "(4,35) 'retired.clients'", "(5,20) 'admx.languages'", "(6,35) 'proxy.applications'", "(7,16) 'dns.manage'", "(7,27) 'dns.keep'",
             "(8,27) 'activeDirectory.users'"],
            Diagnostics(yaml).Where(d => d.Code == DiagnosticCodes.EmptyEntry).Select(d => $"({d.Line},{d.Column}) {d.Message[..d.Message.IndexOf(" holds", StringComparison.Ordinal)]}"));
    }

    private const string Readable = "sfbpolicygen reads UTF-8 (with or without BOM) or UTF-16 with BOM, with LF or CRLF line ends";

    public static TheoryData<byte[], string> Encodings => new()
    {
        { Encoding.UTF8.GetBytes("# a comment first\rtenant: {name: c}\rdomains: [a.example]\r"), $"p.yaml(1,18): error SFB003: this line ends with a CR alone (classic Mac OS line ends); {Readable}: save it with LF line ends" },
        { Encoding.UTF8.GetBytes("tenant: {name: c}\r\ndomains: [a.example]\rdns: {ttl: 60}\r\n"), $"p.yaml(2,21): error SFB003: this line ends with a CR alone (classic Mac OS line ends); {Readable}: save it with LF line ends" },
        { Encoding.Unicode.GetBytes(Head + "domains: [a.example]\n"), $"p.yaml(1,1): error SFB003: the file is UTF-16LE without BOM; {Readable}: save it as UTF-8" },
        { Encoding.BigEndianUnicode.GetBytes(Head + "domains: [a.example]\n"), $"p.yaml(1,1): error SFB003: the file is UTF-16BE without BOM; {Readable}: save it as UTF-8" },
        { [.. new UTF32Encoding(false, true).GetPreamble(), .. new UTF32Encoding(false, true).GetBytes(Head + "domains: [a.example]\n")], $"p.yaml(1,1): error SFB003: the file is UTF-32LE (with BOM); {Readable}: save it as UTF-8" },
        { [.. new UTF32Encoding(true, true).GetPreamble(), .. new UTF32Encoding(true, true).GetBytes(Head + "domains: [a.example]\n")], $"p.yaml(1,1): error SFB003: the file is UTF-32BE (with BOM); {Readable}: save it as UTF-8" },
        { Encoding.UTF8.GetBytes(Head + "domains: [a.exa\0mple]\n"), $"p.yaml(2,16): error SFB003: the file holds a NUL character here: it is binary or in another encoding; {Readable}" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void An_encoding_the_loader_does_not_read_is_named(byte[] bytes, string expected) =>
        Assert.Equal([expected], Load(bytes));

    [Fact]
    public void Crlf_and_a_first_comment_line_still_read()
    {
        var bag = new DiagnosticBag();
        Assert.NotNull(PolicyLoader.Load("p.yaml", Encoding.UTF8.GetBytes("# a comment first\r\ntenant: {name: c}\r\ndomains: [a.example]\r\n"), bag));
        Assert.Equal(0, bag.Count);
    }

    [Theory]
    [InlineData("dns: {ttl: \"3600\"}", "p.yaml(3,12): error SFB024: 'dns.ttl' must be a whole number from 1 to 2147483647 (seconds, no unit), found '3600', which is quoted (a string): write it without quotes, ttl: 3600")]
    [InlineData("dns: {ttl: '1h'}", "p.yaml(3,12): error SFB024: 'dns.ttl' must be a whole number from 1 to 2147483647 (seconds, no unit), found '1h', which is quoted (a string)")]
    [InlineData("clientCleanup: \"true\"", "p.yaml(3,16): error SFB012: 'clientCleanup' must be true or false, found 'true', which is quoted (a string): write it without quotes, clientCleanup: true")]
    [InlineData("clientCleanup: yes", "p.yaml(3,16): error SFB012: 'clientCleanup' must be true or false, found 'yes'")]
    [InlineData("dns: {ttl: !!str 3600}", "p.yaml(3,12): error SFB018: YAML tags (!!str) are not supported: each key's type is set by the policy format; remove the tag")]
    [InlineData("dns: {ttl: !!int 3600}", "p.yaml(3,12): error SFB018: YAML tags (!!int) are not supported: each key's type is set by the policy format; remove the tag")]
    [InlineData("gpo: !custom {name: g}", "p.yaml(3,6): error SFB018: YAML tags (!custom) are not supported: each key's type is set by the policy format; remove the tag")]
    [InlineData("admx: {languages: !list [en-US]}", "p.yaml(3,19): error SFB018: YAML tags (!list) are not supported: each key's type is set by the policy format; remove the tag")]
    public void A_quoted_or_tagged_value_says_so(string section, string expected) =>
        Assert.Equal([expected], Load($"{Head}domains: [a.example]\n{section}\n"));

    [Fact]
    public void Deep_nesting_is_refused_at_the_limit_without_reading_on()
    {
        // 100,000 nested '[' (200 KB): refused at the 33rd; the time is measured in
        // bench/SfbPolicyGen.Bench (DeepNestingBenchmarks), not here.
        var yaml = $"{Head}domains: [a.example]\nadmx: {new string('[', 100_000)}{new string(']', 100_000)}\n";
        Assert.Equal(["p.yaml(3,39): error SFB007: nesting deeper than 32 levels is refused"], Load(yaml));
    }

    [Theory]
    [InlineData("domains: [f\u0430brikam.com]", "p.yaml(2,11): warning SFB108: 'f\u0430brikam.com' in 'domains': label 'f\u0430brikam' mixes Latin and Cyrillic letters, so it can pass for another name (browsers show it as xn--fbrikam-2fg.com): check that it is the domain you mean")]
    [InlineData("domains: [a.example]\ntrustModelData: {add: [\u0440aypal.example]}", "p.yaml(3,24): warning SFB108: '\u0440aypal.example' in 'trustModelData.add': label '\u0440aypal' mixes Cyrillic and Latin letters, so it can pass for another name (browsers show it as xn--aypal-uye.example): check that it is the domain you mean")]
    [InlineData("domains: [\u03BF\u03BFk.example]", "p.yaml(2,11): warning SFB108: '\u03BF\u03BFk.example' in 'domains': label '\u03BF\u03BFk' mixes Greek and Latin letters, so it can pass for another name (browsers show it as xn--k-rmba.example): check that it is the domain you mean")]
    public void A_label_mixing_scripts_is_warned_about_naming_them(string body, string expected) =>
        Assert.Equal([expected], Load($"{Head}{body}\n"));

    [Theory]
    [InlineData("domains: [b\u00FCcher.example, \u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444, xn--bcher-kva.de]")]
    public void A_label_in_one_script_draws_no_warning(string body) => Assert.Empty(Load($"{Head}{body}\n"));

    [Fact]
    public void An_idn_upn_is_looked_up_as_ad_stores_it()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sfb-upn-").FullName, "p.yaml");
        try
        {
            File.WriteAllText(file, $"{Head}domains: [b\u00FCcher.example]\nactiveDirectory: {{users: [j\u00FCrgen@B\u00DCCHER.example.]}}\n");
            var tree = SfbPolicyGen.Generator.Build([file], templatesDirectory: null, new DiagnosticBag());
            var script = Encoding.UTF8.GetString(Assert.Single(tree!.Files, f => f.Path == "c/ad/Enable-SipUsers.ps1").Bytes);
            Assert.Contains("    @{ By = 'UserPrincipalName'; Value = 'j\u00FCrgen@b\u00FCcher.example' }\n", script.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.DoesNotContain("xn--", script, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(string yaml) => Diagnostics(Encoding.UTF8.GetBytes(yaml));

    private static IReadOnlyList<Diagnostic> Diagnostics(byte[] bytes)
    {
        var bag = new DiagnosticBag();
        PolicyLoader.Load("p.yaml", bytes, bag);
        return bag.Sorted();
    }

    private static string[] Load(string yaml) => [.. Diagnostics(yaml).Select(d => d.ToString())];

    private static string[] Load(byte[] bytes) => [.. Diagnostics(bytes).Select(d => d.ToString())];
}
