using System.Text.Json;
using System.Text.RegularExpressions;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

/// <summary>plan, tested both ways round: A→B says what changes in the domain's words, and B→A says the
/// inverse of each change the artifacts can take back, and what is left in place for the others.</summary>
public sealed partial class PlanCommandTests : IDisposable
{
    private const string Before = """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData: {clients: [communicator, skype2016], existing: [old.example]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 1}]}
        dns: {profile: troubleshooting, ttl: 3600}
        activeDirectory: {users: ["CN=Carol,OU=Staff,DC=contoso,DC=com"]}
        """;

    private const string After = """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.de]
        trustModelData: {clients: [communicator, lync2013, skype2016]}
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 0}]}
        dns: {profile: troubleshooting, ttl: 600}
        activeDirectory: {users: ["CN=Dan,OU=Staff,DC=contoso,DC=com"]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_to_b_is_said_in_the_domains_words()
    {
        var lines = Plan(Before, After, "text");
        Assert.Equal(ExitCodes.Differences, lines.Code);
        var changes = lines.Lines;
        Assert.Contains("  TrustModelData (skype2016): + contoso.de", changes);
        Assert.Contains("  TrustModelData (skype2016): - old.example", changes);
        Assert.Contains("  TrustModelData (lync2013): + contoso.com", changes);
        Assert.Contains("  ADMX: new policy for lync2013", changes);
        Assert.Contains("  DNS contoso.de: + sip CNAME sipdir.online.microsoft.com.", changes);
        Assert.Contains("  DNS contoso.com: ~ sip CNAME sipdir.online.microsoft.com.: TTL 3600 → 600", changes);
        Assert.Contains("  TMG: msoidsvc DisableEx 1 → 0", changes);
        Assert.Contains("  Active Directory: + msRTCSIP-UserEnabled TRUE for CN=Dan,OU=Staff,DC=contoso,DC=com (distinguished name; the LDIF too)", changes);
        Assert.Contains("  Left in place: Active Directory: CN=Carol,OU=Staff,DC=contoso,DC=com (distinguished name) stays SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE", changes);
        Assert.Contains("  Files: + dns/contoso.de.zone", changes);
        Assert.Contains("  Files: ~ registry/TrustModelData.reg", changes);
        Assert.Equal("contoso", changes[0]);
        Assert.StartsWith($"{changes.Count - 2} change(s) in 1 tenant(s) of ", changes[^1], StringComparison.Ordinal);
    }

    /// <summary>Except what no artifact takes back: a domain, an entry, a client's value on computers and a
    /// SIP-enabled user dropped without being retired stay deployed, so the plan says so instead of
    /// promising their removal, and adding them back is a plain addition; and a client dropped loses its
    /// value in the GPO in one line, not entry by entry. Those lines are checked word for word; every
    /// other line is the inverse of one line of the other plan.</summary>
    [Fact]
    public void B_to_a_is_the_inverse_of_a_to_b_but_for_what_is_left_in_place()
    {
        static bool LeftInPlace(string line) => line.Contains("|Left in place|", StringComparison.Ordinal);
        var forward = Plan(Before, After, "json").Json;
        var backward = Plan(After, Before, "json").Json;
        Assert.Equal(
            [
                "contoso|Left in place|Active Directory: CN=Carol,OU=Staff,DC=contoso,DC=com (distinguished name) stays SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE",
                "contoso|Left in place|TrustModelData: old.example stays on computers the appender updated (not in retired.domains)",
            ],
            forward.Where(LeftInPlace).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "contoso|Left in place|Active Directory: CN=Dan,OU=Staff,DC=contoso,DC=com (distinguished name) stays SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE",
                "contoso|Left in place|DNS contoso.de: its records stay published (not in retired.domains)",
                "contoso|Left in place|TrustModelData (lync2013): computers that imported the .reg file or ran the appender keep its value (not in retired.clients)",
                "contoso|Left in place|TrustModelData: contoso.de stays on computers the appender updated (not in retired.domains)",
            ],
            backward.Where(LeftInPlace).Order(StringComparer.Ordinal));

        // Forward's additions of what backward then leaves in place have no inverse line; nor has
        // backward's removal of lync2013's value from the GPO, nor its enabling Carol again.
        static bool Unmatched(string line) =>
            line.StartsWith("contoso|DNS contoso.de|+ ", StringComparison.Ordinal)
            || line.StartsWith("contoso|TrustModelData (lync2013)|+ ", StringComparison.Ordinal)
            || line.StartsWith("contoso|Active Directory|+ msRTCSIP-UserEnabled TRUE for CN=Dan,", StringComparison.Ordinal)
            || line == "contoso|TrustModelData (lync2013)|- its value: the GPO script removes it from GPO 'Skype for Business sign-in (contoso)' (computers under that GPO drop it at their next refresh)"
            || line.StartsWith("contoso|Active Directory|+ msRTCSIP-UserEnabled TRUE for CN=Carol,", StringComparison.Ordinal);
        Assert.Equal(8, forward.Count(Unmatched));
        Assert.Equal(2, backward.Count(Unmatched));
        var forwardRest = forward.Where(l => !LeftInPlace(l) && !Unmatched(l)).ToList();
        Assert.NotEmpty(forwardRest);
        Assert.Equal(forwardRest.Select(Invert).Order(StringComparer.Ordinal), backward.Where(l => !LeftInPlace(l) && !Unmatched(l)).Order(StringComparer.Ordinal));
    }

    /// <summary>A retirement dropped takes nothing away any more and puts nothing back: left in place; but
    /// a domain or client listed again is said by its own lines, not as left in place.</summary>
    [Fact]
    public void A_retirement_dropped_is_left_in_place_unless_listed_again()
    {
        const string retired = "tenant: {name: contoso}\ndomains: [contoso.com]\nretired: {domains: [old.example, back.example], clients: [lync2013]}\n";
        const string listedAgain = "tenant: {name: contoso}\ndomains: [contoso.com, back.example]\ntrustModelData: {clients: [communicator, lync2013]}\n";

        var lines = Plan(retired, listedAgain, "text").Lines;

        Assert.Equal(
            ["  Left in place: retired.domains no longer lists old.example: the appender and the DNS files stop taking it away; nothing they took comes back by itself"],
            lines.Where(l => l.Contains("retired.", StringComparison.Ordinal)));
        Assert.Contains("  DNS back.example: + sip CNAME sipdir.online.microsoft.com.", lines);
        Assert.Contains("  TrustModelData (lync2013): + back.example", lines);
        Assert.Contains("  TrustModelData (communicator): + back.example", lines);
    }

    [Fact]
    public void Nothing_to_change_is_exit_0()
    {
        var run = Plan(After, After, "text");
        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(["No changes: " + Path.Combine(_dir, "out") + " is what the policy files give."], run.Lines);
    }

    [Fact]
    public void Markdown_is_a_table_per_tenant()
    {
        var run = Plan(Before, After, "markdown");
        Assert.Equal("## SfbPolicyGen plan", run.Lines[0]);
        Assert.Contains("### contoso", run.Lines);
        Assert.Contains("| Area | Change |", run.Lines);
        Assert.Contains(@"| TMG | msoidsvc DisableEx 1 → 0 |", run.Lines);
        Assert.All(run.Lines.Where(l => l.StartsWith('|')), l => Assert.Equal(3, TableBar().Count(l)));
    }

    private (int Code, List<string> Lines, List<string> Json) Plan(string from, string to, string format)
    {
        var policy = Path.Combine(_dir, "policies.yaml");
        var output = Path.Combine(_dir, "out");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        File.WriteAllText(policy, from);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", output).Code);
        File.WriteAllText(policy, to);
        var run = CliRunner.Run("plan", policy, "--out", output, "--format", format);
        Assert.True(run.Code is ExitCodes.Success or ExitCodes.Differences, run.ToString());
        var json = format == "json"
            ? JsonDocument.Parse(run.Stdout).RootElement.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("tenant").GetString()}|{AreaAndChange(c.GetProperty("text").GetString()!)}").ToList()
            : [];
        return (run.Code, [.. run.Stdout.TrimEnd('\n').Split('\n')], json);
    }

    /// <summary>"Area: change" as "Area|change".</summary>
    private static string AreaAndChange(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return $"{text[..colon]}|{text[(colon + 2)..]}";
    }

    [Fact]
    public void Json_gives_each_change_in_fields()
    {
        var policy = Path.Combine(_dir, "policies.yaml");
        var output = Path.Combine(_dir, "out");
        File.WriteAllText(policy, Before);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", output).Code);
        File.WriteAllText(policy, After);
        var json = JsonDocument.Parse(CliRunner.Run("plan", policy, "--out", output, "--format", "json").Stdout).RootElement;
        Assert.Equal("manifest", json.GetProperty("previousState").GetString());
        var changes = json.GetProperty("changes").EnumerateArray().Select(c => c.ToString()).ToList();
        Assert.Contains("""{"tenant":"contoso","area":"dns","action":"add","domain":"contoso.de","record":{"name":"sip","type":"CNAME","data":"sipdir.online.microsoft.com.","ttl":600},"text":"DNS contoso.de: \u002B sip CNAME sipdir.online.microsoft.com."}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"dns","action":"change","domain":"contoso.com","record":{"name":"sip","type":"CNAME","data":"sipdir.online.microsoft.com.","ttl":600},"from":"3600","to":"600","text":"DNS contoso.com: ~ sip CNAME sipdir.online.microsoft.com.: TTL 3600 \u2192 600"}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"tmg","action":"change","application":"msoidsvc","key":"DisableEx","from":"1","to":"0","text":"TMG: msoidsvc DisableEx 1 \u2192 0"}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"trustModelData","action":"remove","client":"skype2016","entry":"old.example","text":"TrustModelData (skype2016): - old.example"}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"files","action":"add","path":"dns/contoso.de.zone","text":"Files: \u002B dns/contoso.de.zone"}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"activeDirectory","action":"add","user":"CN=Dan,OU=Staff,DC=contoso,DC=com","userKind":"distinguishedName","text":"Active Directory: \u002B msRTCSIP-UserEnabled TRUE for CN=Dan,OU=Staff,DC=contoso,DC=com (distinguished name; the LDIF too)"}""", changes.Select(Compact));
        Assert.Contains("""{"tenant":"contoso","area":"leftInPlace","action":"keep","of":"trustModelData","entry":"old.example","text":"Left in place: TrustModelData: old.example stays on computers the appender updated (not in retired.domains)"}""", changes.Select(Compact));
    }

    /// <summary>A GPO renamed, a user given by UPN and a search base moved, in JSON: each line names the
    /// GPO, the user and how the policy names it, or the search base and filter.</summary>
    [Fact]
    public void Json_names_the_gpo_the_users_and_the_search()
    {
        const string from = "tenant: {name: contoso}\ndomains: [contoso.com]\nactiveDirectory: {searchBase: 'OU=Sales,DC=contoso,DC=com'}\n";
        const string to = "tenant: {name: contoso}\ndomains: [contoso.com]\ngpo: {name: Contoso SfB}\nactiveDirectory: {users: [alice@contoso.com], searchBase: 'OU=Support,DC=contoso,DC=com'}\n";
        var policy = Path.Combine(_dir, "policies.yaml");
        var output = Path.Combine(_dir, "out");
        File.WriteAllText(policy, from);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", output).Code);
        File.WriteAllText(policy, to);

        var json = JsonDocument.Parse(CliRunner.Run("plan", policy, "--out", output, "--format", "json").Stdout).RootElement;

        Assert.Equal(
            [
                """{"tenant":"contoso","area":"activeDirectory","action":"add","user":"alice@contoso.com","userKind":"userPrincipalName","text":"Active Directory: \u002B msRTCSIP-UserEnabled TRUE for alice@contoso.com (user principal name)"}""",
                """{"tenant":"contoso","area":"activeDirectory","action":"add","searchBase":"OU=Support,DC=contoso,DC=com","filter":"(\u0026(objectCategory=person)(objectClass=user)(msRTCSIP-UserEnabled=FALSE))","text":"Active Directory: \u002B msRTCSIP-UserEnabled TRUE for the users under OU=Support,DC=contoso,DC=com that (\u0026(objectCategory=person)(objectClass=user)(msRTCSIP-UserEnabled=FALSE)) selects"}""",
                """{"tenant":"contoso","area":"gpo","action":"add","gpo":"Contoso SfB","text":"GPO: \u002B \u0027Contoso SfB\u0027: the GPO script creates it, or updates it if it exists, and sets each listed client\u0027s TrustModelData there"}""",
                """{"tenant":"contoso","area":"leftInPlace","action":"keep","of":"activeDirectory","searchBase":"OU=Sales,DC=contoso,DC=com","filter":"(\u0026(objectCategory=person)(objectClass=user)(msRTCSIP-UserEnabled=FALSE))","text":"Left in place: Active Directory: the users under OU=Sales,DC=contoso,DC=com that (\u0026(objectCategory=person)(objectClass=user)(msRTCSIP-UserEnabled=FALSE)) selected stay SIP-enabled: no artifact sets msRTCSIP-UserEnabled FALSE"}""",
                """{"tenant":"contoso","area":"leftInPlace","action":"keep","of":"gpo","gpo":"Skype for Business sign-in (contoso)","to":"Contoso SfB","text":"Left in place: GPO \u0027Skype for Business sign-in (contoso)\u0027 keeps its TrustModelData values and its links: the GPO script now changes GPO \u0027Contoso SfB\u0027 only; unlink or delete \u0027Skype for Business sign-in (contoso)\u0027 by hand"}""",
            ],
            json.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("area").GetString() != "files").Select(c => Compact(c.ToString())));
    }

    private static string Compact(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();

    /// <summary>The change B→A that undoes one change A→B.</summary>
    private static string Invert(string change)
    {
        var parts = change.Split('|');
        var text = parts[2];
        text = text.StartsWith("new policy for ", StringComparison.Ordinal) ? "policy removed for " + text[15..]
            : text.StartsWith("policy removed for ", StringComparison.Ordinal) ? "new policy for " + text[19..]
            : text.StartsWith("+ ", StringComparison.Ordinal) ? "- " + text[2..]
            : text.StartsWith("- ", StringComparison.Ordinal) ? "+ " + text[2..]
            : Arrow().Replace(text, m => $"{m.Groups[1].Value}{m.Groups[3].Value} → {m.Groups[2].Value}");
        return $"{parts[0]}|{parts[1]}|{text}";
    }

    [GeneratedRegex(@"^(.* )(\S+) → (\S+)$")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex TableBar();
}
