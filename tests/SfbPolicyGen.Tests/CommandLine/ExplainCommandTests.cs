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
    [InlineData("Lync: There was a problem acquiring a personal certificate that is required to sign in. Error code 0x1", "personal-certificate")]
    [InlineData("L'utilisateur n'est pas active pour SIP", "user-not-sip-enabled")]
    [InlineData("user not SIP enabled", "user-not-sip-enabled")]
    [InlineData("ne peut pas vérifier que le serveur est fiable", "certificate-trust")]
    [InlineData("Cannot verify that the server is trusted for your sign-in address", "certificate-trust")]
    public void Matches_english_and_french_whatever_the_case_accents_and_length(string message, string id) =>
        Assert.Equal([id], ErrorMatcher.Match(message).Select(e => e.Id));

    [Theory]
    [InlineData("printer on fire")]
    [InlineData("the")]
    [InlineData("")]
    public void Unrelated_text_matches_nothing(string message) => Assert.Empty(ErrorMatcher.Match(message));

    [Fact]
    public void With_a_policy_file_it_names_the_generated_files()
    {
        var run = CliRunner.Run("explain", "Adresse de connexion introuvable", "--policy", Path.Combine(RepoPaths.Root, "policies.yaml"), "--out", "out");
        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Contains("Fix: Let msoidsvc.exe through the proxy", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Generated for tenant contoso:\n  {Path.Combine("out", "contoso", "tmg", "Application.ini")}\n  {Path.Combine("out", "contoso", "tmg", "Set-TmgClientRules.ps1")}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void It_says_what_to_add_when_the_fix_is_not_generated()
    {
        var run = CliRunner.Run("explain", "User is not SIP enabled", "--policy", GoldenCases.Inputs("001-minimal")[0]);
        Assert.Contains("Not generated for tenant minimal: add an activeDirectory section (users, or searchBase) in its policy file.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_match_is_exit_2_with_the_closest_entries()
    {
        var run = CliRunner.Run("explain", "the server exploded");
        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        Assert.StartsWith("sfbpolicygen: error: no error of the article matches \"the server exploded\". Closest:\n", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, run.Stderr.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void List_prints_every_entry_in_both_languages()
    {
        var run = CliRunner.Run("explain", "--list");
        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(ErrorCatalog.Entries.Length * 2, run.Stdout.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("L'utilisateur n'est pas activé pour SIP", run.Stdout, StringComparison.Ordinal);
    }
}
