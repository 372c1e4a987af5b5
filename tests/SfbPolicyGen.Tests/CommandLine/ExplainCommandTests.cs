using SfbPolicyGen.Cli;
using SfbPolicyGen.Explain;
using SfbPolicyGen.Tests.Golden;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.CommandLine;

public class ExplainCommandTests
{
    [Theory]
    [InlineData("Sign-in address not found", "sign-in-address-not-found")]
    [InlineData("ADRESSE DE CONNEXION INTROUVABLE", "sign-in-address-not-found")]
    [InlineData("adresse de connexion introuvable.", "sign-in-address-not-found")]
    [InlineData("Le serveur est temporairement indisponible", "server-temporarily-unavailable")]
    [InlineData("le serveur est temporairement indisponible", "server-temporarily-unavailable")]
    [InlineData("temporarily unavailable", "server-temporarily-unavailable")]
    [InlineData("Problème d’acquisition d’un certificat personnel", "personal-certificate")]
    [InlineData("probleme d'acquisition d'un certificat personnel requis pour etablir la connexion", "personal-certificate")]
    [InlineData("Un problème s'est produit lors de l'acquisition d'un certificat personnel requis pour établir la connexion", "personal-certificate")]
    [InlineData("Lync: There was a problem acquiring a personal certificate that is required to sign in. Error code 0x1", "personal-certificate")]
    [InlineData("L'utilisateur n'est pas active pour SIP", "user-not-sip-enabled")]
    [InlineData("user not SIP enabled", "user-not-sip-enabled")]
    [InlineData("ne peut pas vérifier que le serveur est fiable", "certificate-trust")]
    [InlineData("Cannot verify that the server is trusted for your sign-in address", "certificate-trust")]
    [InlineData("Une boîte de dialogue relative à l'approbation du certificat s'affiche", "certificate-trust")]
    [InlineData("le service d'authentification n'est pas compatible avec cette version du programme", "wrong-client-version")]
    [InlineData("The authentication service may be incompatible with this version of the program", "wrong-client-version")]
    [InlineData("Mot de passe oublié", "forgotten-password")]
    [InlineData("Pas de licence pour utiliser Skype Entreprise Online", "no-licence")]
    [InlineData("les modifications n'ont peut-être pas fini de se propager", "dns-propagation")]
    [InlineData("L'horloge système n'est pas synchronisée avec l'horloge du serveur", "clock-out-of-sync")]
    public void Matches_english_and_french_whatever_the_case_accents_and_length(string message, string id) =>
        Assert.Equal([id], ErrorMatcher.Match(message).Select(e => e.Id));

    [Theory]
    [InlineData("msoidsvc", "sign-in-address-not-found")]
    [InlineData("msoidsvc.exe is blocked by the proxy", "sign-in-address-not-found")]
    [InlineData("TrustModelData", "certificate-trust")]
    [InlineData(@"HKLM\Software\Policies\Microsoft\Communicator\TrustModelData", "certificate-trust")]
    [InlineData("CNAME", "server-temporarily-unavailable")]
    [InlineData("ADFS", "server-temporarily-unavailable")]
    [InlineData("self-signed SSL certificate", "server-temporarily-unavailable")]
    [InlineData("msRTCSIP-UserEnabled", "user-not-sip-enabled")]
    [InlineData("RSA folder", "personal-certificate")]
    [InlineData("NTP", "clock-out-of-sync")]
    [InlineData("72 heures", "dns-propagation")]
    public void Finds_entries_by_keyword(string keyword, string id) =>
        Assert.Equal([id], ErrorMatcher.Match(keyword).Select(e => e.Id));

    [Fact]
    public void A_keyword_two_entries_share_finds_both() =>
        Assert.Equal(["server-temporarily-unavailable", "dns-propagation"], ErrorMatcher.Match("DNS").Select(e => e.Id));

    [Theory]
    [InlineData("printer on fire")]
    [InlineData("the")]
    [InlineData("")]
    public void Unrelated_text_matches_nothing(string message) => Assert.Empty(ErrorMatcher.Match(message));

    /// <summary>Every row of the seed article's two tables (the common causes, and the error messages
    /// of the specific procedures), its first cell as the article writes it, finds its entry.</summary>
    [SkippableFact]
    public void Every_row_of_the_articles_tables_finds_its_entry()
    {
        var article = File.ReadAllLines(RepoPaths.SharedFile("seed", "000_a2ed805f5c6ec766.txt"));
        var rows = new List<string>();
        var inTable = false;
        foreach (var line in article)
        {
            if (line.StartsWith("|**Cause possible**|", StringComparison.Ordinal) || line.StartsWith("|**Message d'erreur**|", StringComparison.Ordinal))
            {
                inTable = true;
            }
            else if (!line.StartsWith('|'))
            {
                inTable = false;
            }
            else if (inTable && !line.StartsWith("|:-", StringComparison.Ordinal))
            {
                rows.Add(line.Split('|')[1].Replace("<br/>", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal).Trim());
            }
        }

        Assert.Equal(
            [
                "certificate-trust", "sign-in-address-format", "forgotten-password", "no-licence", "wrong-client-version", "personal-certificate", "dns-propagation", "clock-out-of-sync",
                "sign-in-address-not-found", "server-temporarily-unavailable", "server-temporarily-unavailable", "personal-certificate", "certificate-trust", "user-not-sip-enabled",
            ],
            rows.Select(row => string.Join(" and ", ErrorMatcher.Match(row).Select(e => e.Id))));
    }

    [Fact]
    public void With_a_policy_file_it_names_the_generated_files()
    {
        var output = Path.Combine(RepoPaths.Root, "out");
        var run = CliRunner.Run("explain", "Adresse de connexion introuvable", "--policy", Path.Combine(RepoPaths.Root, "policies.yaml"), "--out", output);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Contains("Fix: Let msoidsvc.exe through the proxy", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Generated for tenant contoso:\n  {Path.Combine(output, "contoso", "tmg", "Application.ini")}\n  {Path.Combine(output, "contoso", "tmg", "Set-TmgClientRules.ps1")}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dns_fix_lists_the_nsupdate_files_and_never_calls_a_missing_file_generated()
    {
        var policy = GoldenCases.Inputs("001-minimal")[0];
        var generated = Path.Combine(Path.GetDirectoryName(policy)!, "expected");
        var run = CliRunner.Run("explain", "CNAME", "--policy", policy, "--out", generated);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Contains("Check it live: sfbpolicygen verify --only dns,adfs (README, \"verify\").\n", run.Stdout, StringComparison.Ordinal);
        var dns = Path.Combine(generated, "minimal", "dns");
        Assert.Contains(
            $"Generated for tenant minimal:\n  {dns}/Add-DnsServerRecords.ps1\n  {dns}/minimal.example.zone\n  {dns}/nsupdate/minimal.example/sip.add.nsupdate\n  {dns}/nsupdate/minimal.example/sip.from-sipdir.online.microsoft.com.nsupdate\n",
            run.Stdout,
            StringComparison.Ordinal);

        var missing = CliRunner.Run("explain", "CNAME", "--policy", policy, "--out", "/nonexistent");
        Assert.DoesNotContain("Generated for tenant", missing.Stdout, StringComparison.Ordinal);
        Assert.Contains("Not in /nonexistent yet for tenant minimal (generate writes them):\n  /nonexistent/minimal/dns/Add-DnsServerRecords.ps1\n  /nonexistent/minimal/dns/minimal.example.zone\n", missing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_folder_of_tenants_the_dns_fix_gives_each_its_own_sip_record_or_says_it_has_none()
    {
        var folder = Directory.CreateTempSubdirectory("sfb-explain-").FullName;
        try
        {
            var tenants = Directory.CreateDirectory(Path.Combine(folder, "tenants")).FullName;
            File.WriteAllText(Path.Combine(tenants, "english.yaml"), "tenant:\n  name: english\ndomains:\n  - english.example\ndns:\n  sipTarget: sipdir.online.lync.com\n");
            File.WriteAllText(Path.Combine(tenants, "teams.yaml"), "tenant:\n  name: teams\ndomains:\n  - teams.example\ndns:\n  profile: teams-only\n");

            var run = CliRunner.Run("explain", "Le serveur est temporairement indisponible", "--policy", tenants, "--out", Path.Combine(folder, "out"));

            Assert.True(run.Code == ExitCodes.Success, run.ToString());
            Assert.Contains("Tenant english publishes sip CNAME sipdir.online.lync.com. (dns.profile troubleshooting).\n", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Not for tenant teams: its profile (teams-only) publishes no sip record,", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("english/dns/english.example.zone", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("teams/dns/", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_a_policy_it_names_the_files_as_the_guide_does()
    {
        var run = CliRunner.Run("explain", "Le serveur est temporairement indisponible");
        Assert.Contains("Generated files: the DNS zone snippets, the RFC 2136 update messages (.nsupdate), the Windows DNS Server script (give --policy FILE to see their paths).\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A message typed without quotes is the same query, its words joined.</summary>
    [Fact]
    public void An_unquoted_message_is_one_query()
    {
        var unquoted = CliRunner.Run("explain", "Sign-in", "address", "not", "found");
        Assert.True(unquoted.Code == ExitCodes.Success, unquoted.ToString());
        Assert.StartsWith("Sign-in address not found\n", unquoted.Stdout, StringComparison.Ordinal);
        Assert.Equal(CliRunner.Run("explain", "Sign-in address not found"), unquoted);
    }

    [Fact]
    public void The_dns_fix_names_the_record_as_the_article_does()
    {
        var run = CliRunner.Run("explain", "CNAME", "--policy", GoldenCases.Inputs("001-minimal")[0]);
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Contains(
            "Fix: For a custom domain, add the CNAME record 'sip' with the value sipdir.online.microsoft.com to each of its domains (the article's French edition; "
            + "its English edition and Microsoft's DNS reference give sipdir.online.lync.com: set dns.sipTarget to choose)",
            run.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void It_says_what_to_add_when_the_fix_is_not_generated()
    {
        var run = CliRunner.Run("explain", "User is not SIP enabled", "--policy", GoldenCases.Inputs("001-minimal")[0]);
        Assert.Contains("Not generated for tenant minimal: add an activeDirectory section (users, or searchBase) in its policy file.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_match_is_exit_2_with_the_entries_that_share_a_word()
    {
        var run = CliRunner.Run("explain", "the server exploded");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.Equal(
            "sfbpolicygen: error SFB080: no error of the article matches \"the server exploded\"; the entries that share words with it:\n"
            + "  Cannot verify that the server is trusted for your sign-in address. Connect anyway? / Ne peut pas vérifier que le serveur est fiable pour votre adresse de connexion. Quand même vous connecter ? (shares: server)\n"
            + "  The server is temporarily unavailable / Le serveur est temporairement indisponible (shares: server)\n"
            + "  System clock out of sync with server clock / L'horloge système n'est pas synchronisée avec l'horloge du serveur (shares: server)\n",
            run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void No_match_and_nothing_shared_says_so()
    {
        var run = CliRunner.Run("explain", "printer on fire");
        Assert.Equal(
            (ExitCodes.InvalidInput, "sfbpolicygen: error SFB080: no error of the article matches \"printer on fire\", and no entry shares a word with it; 'sfbpolicygen explain --list' lists them all\n"),
            (run.Code, run.Stderr));
    }

    [Fact]
    public void List_prints_every_entry_in_both_languages()
    {
        var run = CliRunner.Run("explain", "--list");
        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(ErrorCatalog.Entries.Length * 2, run.Stdout.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("L'utilisateur n'est pas activé pour SIP", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Le service d'authentification n'est pas compatible avec cette version du programme", run.Stdout, StringComparison.Ordinal);
    }
}
