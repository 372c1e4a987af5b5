using System.Text;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Writers;

/// <summary>The per-tenant guide, line by line (issue 21): one numbering for the table and the headings,
/// the ways to set the value as one step, the commands as the user ran them, and texts that say what each
/// file of this tenant does.</summary>
public sealed class GuideWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sfb-guide-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Guide(string yaml, string file = "t/README.md") =>
        Encoding.UTF8.GetString(InMemoryPolicy.Build(yaml)[file]).Split('\n');

    private const string Tenant = "tenant: {name: t}\ndomains: [t.example]\n";

    [Fact]
    public void Table_and_headings_share_one_numbering_and_the_ways_to_set_the_value_are_one_step()
    {
        var guide = Guide(Tenant + "proxy: {kind: other}\n");
        Assert.Contains("Step 1 sets one value: the files marked \"pick one\" are ways to set it, and one is enough", guide);
        Assert.Contains("| 1, pick one | [registry/TrustModelData.reg](registry/TrustModelData.reg) | TrustModelData for each selected client as a registry file: for `reg import` on a few computers, or a GPO registry preference | Each computer (`reg import`) or a GPO registry preference |", guide);
        Assert.Contains("| 1, pick one | [gpo/Machine/Registry.pol.txt](gpo/Machine/Registry.pol.txt) | Registry.pol as text: for a computer outside the domain (`LGPO.exe /t`), and to read in a diff | A computer outside the domain: `LGPO.exe /t Registry.pol.txt` |", guide);
        // A client's Intune pair is one script package: one row.
        Assert.Contains("| 1, pick one | [intune/communicator/](intune/communicator/) | Intune Remediations package for Office Communicator 2007 R2 / Lync 2010: detects what its value lacks and appends it (the appender's merge). For computers Intune manages: upload every client's folder | One Intune script package per folder: as SYSTEM, 64-bit |", guide);
        Assert.DoesNotContain(guide, l => l.Contains("Detect-TrustModelData.ps1](", StringComparison.Ordinal));
        Assert.Contains("| 1, optional | [PolicyDefinitions/SfbPolicyGen-t.admx](PolicyDefinitions/SfbPolicyGen-t.admx) | Administrative template (policy definitions) | Central store: `\\\\<domain>\\SYSVOL\\<domain>\\Policies\\PolicyDefinitions` (Domain Admins) |", guide);
        Assert.Contains("| 2 | [dns/t.example.zone](dns/t.example.zone) | DNS records for `t.example` | The domain's DNS host |", guide);
        Assert.Contains("| 3 | [gateway/gateway-rules.md](gateway/gateway-rules.md) | Rules for a web gateway other than TMG | Your web gateway's administrator |", guide);
        Assert.Equal(
            ["## 1. TrustModelData: the \"cannot verify that the server is trusted\" dialog", "## 2. DNS: \"The server is temporarily unavailable\"", "## 3. Proxy: \"Sign-in address not found\"",
                "## 4. Active Directory: \"User is not SIP enabled\"", "## 5. Client: \"There was a problem acquiring a personal certificate\"", "## Where only signed scripts run", "## What is not generated"],
            guide.Where(l => l.StartsWith("## ", StringComparison.Ordinal) && !l.StartsWith("## Files", StringComparison.Ordinal)));
        Assert.Contains("Pick one of these ways to set it; each sets the same value:", guide);
        // Every row's step is a heading's number.
        var headings = guide.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(guide.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l[2] is >= '1' and <= '9'), row => Assert.Contains(row[2..].Split([' ', ','])[0], headings));
    }

    [Fact]
    public void French_guide_numbers_its_table_and_headings_the_same_way()
    {
        var guide = Guide(Tenant, "t/README.fr-FR.md");
        Assert.Contains("| 1, au choix | [gpo/Set-TrustModelDataGpo.ps1](gpo/Set-TrustModelDataGpo.ps1) | Crée ou met à jour la GPO qui définit les mêmes valeurs : pour les ordinateurs d'un domaine, depuis un seul endroit | Une fois, là où se trouve le module GroupPolicy (RSAT), par qui peut créer des GPO |", guide);
        Assert.Contains("| 1, facultatif | [PolicyDefinitions/fr-FR/SfbPolicyGen-t.adml](PolicyDefinitions/fr-FR/SfbPolicyGen-t.adml) | Textes du modèle, fr-FR | Magasin central : `\\\\<domaine>\\SYSVOL\\<domaine>\\Policies\\PolicyDefinitions` (Admins du domaine) |", guide);
        Assert.Contains("| 2 | [dns/Add-DnsServerRecords.ps1](dns/Add-DnsServerRecords.ps1) | La même chose sur un serveur DNS Windows : n'ajoute, ne remplace et ne retire que les enregistrements de cet outil, en signalant les conflits | Avec le module DnsServer, en administrateur DNS |", guide);
        Assert.Contains("## 2. DNS : « Le serveur est temporairement indisponible »", guide);
        Assert.Contains("## 3. Proxy : « Adresse de connexion introuvable »", guide);
        Assert.Contains("Choisissez une de ces façons de la définir ; chacune définit la même valeur :", guide);
    }

    [Fact]
    public void Commands_name_the_policy_file_as_given_on_the_command_line()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tenants"));
        File.WriteAllText(Path.Combine(_dir, "tenants", "fabrikam.yaml"), "tenant: {name: fabrikam}\ndomains: [fabrikam.com]\n");
        var run = CliProcess.Run(_dir, "generate", "tenants", "--quiet");
        Assert.Equal(0, run.Code);
        var english = File.ReadAllLines(Path.Combine(_dir, "out", "fabrikam", "README.md"));
        Assert.Contains("Generated by SfbPolicyGen from `tenants/fabrikam.yaml` for tenant `fabrikam`. Do not edit these files:", english);
        Assert.Contains("change the policy file and run `sfbpolicygen generate tenants/fabrikam.yaml` from the same folder, so that the change is", english);
        Assert.Contains("record. Then `sfbpolicygen verify-dns tenants/fabrikam.yaml --server <that server>` checks what is published. Changes can take", english);
        var french = File.ReadAllLines(Path.Combine(_dir, "out", "fabrikam", "README.fr-FR.md"));
        Assert.Contains("fichiers : modifiez le fichier de stratégie et lancez `sfbpolicygen generate tenants/fabrikam.yaml` depuis le même dossier,", french);
        Assert.Contains("`sfbpolicygen verify-dns tenants/fabrikam.yaml --server <ce serveur>`. La propagation peut prendre jusqu'à 72 heures.", french);

        // The folder, the file or "./" before either: the same bytes, so check agrees with any of them.
        Assert.Equal(0, CliProcess.Run(_dir, "check", "./tenants/fabrikam.yaml").Code);
    }

    [Fact]
    public void An_absolute_path_is_cited_by_its_file_name_and_a_path_a_shell_would_split_is_quoted()
    {
        var absolute = Path.Combine(_dir, "fabrikam.yaml");
        File.WriteAllText(absolute, "tenant: {name: fabrikam}\ndomains: [fabrikam.com]\n");
        var tree = Generator.Build([absolute], null, new DiagnosticBag())!;
        var guide = Encoding.UTF8.GetString(tree.Files.Single(f => f.Path == "fabrikam/README.md").Bytes).Split('\n');
        Assert.Contains("change the policy file and run `sfbpolicygen generate fabrikam.yaml` from the same folder, so that the change is", guide);
        Assert.DoesNotContain(guide, l => l.Contains(_dir, StringComparison.Ordinal));

        Directory.CreateDirectory(Path.Combine(_dir, "my tenants"));
        File.WriteAllText(Path.Combine(_dir, "my tenants", "a.yaml"), "tenant: {name: a}\ndomains: [a.example]\n");
        Assert.Equal(0, CliProcess.Run(_dir, "generate", "my tenants", "--quiet").Code);
        Assert.Contains("change the policy file and run `sfbpolicygen generate 'my tenants/a.yaml'` from the same folder, so that the change is", File.ReadAllLines(Path.Combine(_dir, "out", "a", "README.md")));
    }

    [Fact]
    public void Retired_domains_and_clients_are_explained_and_their_files_only_take_away()
    {
        var guide = Guide(Tenant + "trustModelData: {clients: [skype2016]}\nretired: {domains: [old.example], clients: [lync2013]}\n");
        Assert.Contains("- Retired domains: `old.example`", guide);
        Assert.Contains("- Retired clients: `lync2013`", guide);
        Assert.Contains("| 2 | [dns/nsupdate/old.example/](dns/nsupdate/old.example/) | RFC 2136 update message of `old.example`, a retired domain: only deletes this tool's records | A DNS server that takes dynamic updates: every file, `nsupdate -k KEYFILE FILE` (or `knsupdate`) |", guide);
        Assert.Contains("| 1, pick one | [intune/lync2013/](intune/lync2013/) | Intune Remediations package for Lync 2013, a retired client: detects and removes this tenant's entries from its value, and the value when only Microsoft's defaults are left. For computers Intune manages: upload every client's folder | One Intune script package per folder: as SYSTEM, 64-bit |", guide);
        Assert.DoesNotContain(guide, l => l.Contains("makes the", StringComparison.Ordinal) || l.Contains("old.example`, one per case", StringComparison.Ordinal));
        Assert.Contains("**Retired entries.** What an earlier version of the policy file deployed and `retired` lists is", guide);

        var french = Guide(Tenant + "retired: {domains: [old.example]}\n", "t/README.fr-FR.md");
        Assert.Contains("| 2 | [dns/nsupdate/old.example/](dns/nsupdate/old.example/) | Message de mise à jour RFC 2136 de `old.example`, un domaine retiré : ne fait que supprimer les enregistrements de cet outil | Un serveur DNS qui accepte les mises à jour dynamiques : chaque fichier, `nsupdate -k FICHIERCLÉ FICHIER` (ou `knsupdate`) |", french);
        Assert.Contains("**Entrées retirées.** Ce qu'une version antérieure du fichier de stratégie a déployé et que `retired`", french);

        // Without retirements, how to retire.
        Assert.Contains("**Retiring.** Dropping a domain from `domains`, or a client from `clients`, changes what the GPO, the", Guide(Tenant));
    }

    [Fact]
    public void Active_directory_text_follows_the_search_base_and_states_the_rights()
    {
        var listed = Guide(Tenant + "activeDirectory: {users: [alice@t.example]}\n");
        Assert.Contains("first): it finds the users listed in the policy file, and sets the", listed);
        Assert.Contains("| 4 | [ad/Enable-SipUsers.ps1](ad/Enable-SipUsers.ps1) | SIP-enables the listed users | Run with the ActiveDirectory module (RSAT), by someone who may write the attribute |", listed);
        Assert.Contains("attribute to TRUE where it is not. Run it as a user who may write `msRTCSIP-UserEnabled` on those", listed);
        Assert.Contains("accounts: a member of Domain Admins, or an account the right is delegated to on their OU. Then run a directory", listed);

        var searched = Guide(Tenant + "activeDirectory: {users: [alice@t.example], searchBase: \"OU=Old,DC=t,DC=example\"}\n");
        Assert.Contains("first): it finds the users listed in the policy file and those the search selects, and sets the", searched);
        Assert.Contains("| 4 | [ad/Enable-SipUsers.ps1](ad/Enable-SipUsers.ps1) | SIP-enables the listed users and those the search selects | Run with the ActiveDirectory module (RSAT), by someone who may write the attribute |", searched);

        var french = Guide(Tenant + "activeDirectory: {users: [alice@t.example]}\n", "t/README.fr-FR.md");
        Assert.Contains("d'abord `-WhatIf`) : il trouve les utilisateurs listés dans le fichier de stratégie, et met l'attribut à TRUE là où il ne l'est pas. Exécutez-le sous un compte qui peut", french);
    }

    [Fact]
    public void Gpo_script_and_central_store_rights_are_stated()
    {
        var guide = Guide(Tenant);
        Assert.Contains("  (GroupPolicy module; try `-WhatIf` first); then link the GPO with `New-GPLink`. Creating a GPO takes a", guide);
        Assert.Contains("  member of Domain Admins or Group Policy Creator Owners; updating one that exists, the right to edit", guide);
        Assert.Contains("  its settings; linking it, the right to link GPOs on the domain or OU (Domain Admins have it, and it", guide);
        Assert.Contains("Policy editor under \"Skype for Business sign-in (t)\" with the merged list as its default. Writing there takes a member", guide);
        Assert.Contains("of Domain Admins (the folder's default rights); SYSVOL replicates it to every domain controller. Its", guide);
        var french = Guide(Tenant, "t/README.fr-FR.md");
        Assert.Contains("  demande un membre des Admins du domaine ou des Propriétaires créateurs de la stratégie de groupe ; en", french);
        Assert.Contains("écrire demande un membre des Admins du domaine (les droits par défaut du dossier) ; SYSVOL le réplique", french);
    }

    [Fact]
    public void Teams_only_guide_says_what_applies_instead_of_the_missing_sip_record()
    {
        var guide = Guide(Tenant + "dns: {profile: teams-only}\n");
        var dns = Array.IndexOf(guide, "## 2. DNS: \"The server is temporarily unavailable\"");
        Assert.Equal("This error comes from a Skype for Business client that finds no `sip` record for its domain. The `teams-only` profile publishes none: its users sign in to Teams, so there is no such sign-in to fix. If users still see this error in a Skype for Business client, the tenant is not Teams-only: choose the `troubleshooting` or `skype-online` profile. What this profile does publish is the `_sipfederationtls._tcp` record that federation with other organisations needs, as follows.", guide[dns + 2]);
        Assert.StartsWith("Publish the records", guide[dns + 4], StringComparison.Ordinal);
        var troubleshooting = Guide(Tenant);
        Assert.StartsWith("Publish the records", troubleshooting[Array.IndexOf(troubleshooting, guide[dns]) + 2], StringComparison.Ordinal);
        Assert.StartsWith("Cette erreur vient d'un client Skype Entreprise qui ne trouve pas d'enregistrement `sip`", Guide(Tenant + "dns: {profile: teams-only}\n", "t/README.fr-FR.md").Single(l => l.StartsWith("Cette erreur", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Internationalised_domains_show_in_unicode_with_their_punycode_beside()
    {
        var guide = Guide("tenant: {name: t}\ndomains: [bücher.example, t.example]\n");
        Assert.Contains("- Domains: `bücher.example` (`xn--bcher-kva.example`), `t.example`", guide);
        Assert.Contains("| 2 | [dns/xn--bcher-kva.example.zone](dns/xn--bcher-kva.example.zone) | DNS records for `bücher.example` (`xn--bcher-kva.example`) | The domain's DNS host |", guide);
        Assert.Contains("- Domaines : `bücher.example` (`xn--bcher-kva.example`), `t.example`", Guide("tenant: {name: t}\ndomains: [bücher.example, t.example]\n", "t/README.fr-FR.md"));
    }
}
