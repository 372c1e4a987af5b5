using System.Text;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Schema;

/// <summary>The commented policies.yaml that <c>sfbpolicygen init</c> writes: every section with its
/// default and a line of help, the optional ones commented out. Values come in validated (a tenant
/// name, domain names as typed that normalise to valid names, a proxy kind from a fixed list), so they
/// are plain YAML scalars; init loads the text before writing it.</summary>
public static class PolicyFileTemplate
{
    public const string SchemaFileName = "policies.schema.json";

    /// <param name="file">The file as the user named it: the header's run line names it.</param>
    /// <param name="domains">As typed (an internationalised name stays readable; the loader normalises it).</param>
    public static string Render(string file, string tenant, IReadOnlyList<string> domains, string proxyKind)
    {
        var text = new StringBuilder();
        text.Append($"# yaml-language-server: $schema={SchemaFileName}\n");
        text.Append("# SfbPolicyGen policy file: run `sfbpolicygen generate ").Append(file).Append("` to write out/").Append(tenant).Append("/.\n");
        text.Append("# Every key and its default: README.md, 'policies.yaml reference'.\n");
        text.Append("tenant:\n");
        text.Append("  name: ").Append(tenant).Append("                 # a-z 0-9 '-'; names the output folder\n");
        text.Append("  # displayName: ").Append(tenant).Append("        # shown in the Group Policy editor and the guide\n\n");
        text.Append("# The tenant's SIP domains (internationalised names may be written as they read; they are converted to punycode).\n");
        text.Append("domains:\n");
        foreach (var domain in domains)
        {
            text.Append("  - ").Append(domain).Append('\n');
        }

        text.Append("""

            trustModelData:
              # Which clients get the value: communicator (Lync 2010, the article's key), lync2013, skype2016.
              clients: [communicator, skype2016]
              # What the deployed value already holds: kept first ("add, do not replace").
              existing: []
              keepMicrosoftDefaults: true   # keep lync.com, outlook.com, lync.glbdns.microsoft.com, microsoftonline.com
              add: []

            proxy:
            """);
        text.Append("\n  kind: ").Append(proxyKind).Append("                    # tmg | other | none; tmg and other get the article's msoidsvc rule\n");
        text.Append("""

            dns:
              profile: troubleshooting      # troubleshooting (the article's sip CNAME) | skype-online | teams-only
              ttl: 3600
              # The French article gives sipdir.online.microsoft.com (the default); its English edition and
              # Microsoft's DNS reference give sipdir.online.lync.com. Uncomment to choose that one:
              # sipTarget: sipdir.online.lync.com
              # The DNS files replace or remove only records this tool published. Also take over the
              # Microsoft records at these names (sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp,
              # or NAME.DOMAIN for one domain), published before this tool:
              # manage: [lyncdiscover]
              # Leave these names exactly as they are (a hybrid tenant's on-premises sip, say):
              # keep: [sip]

            admx:
              languages: [en-US, fr-FR]

            # Optional:
            # gpo:
            #   name: Skype for Business sign-in (TENANT)
            # activeDirectory:                 # "User is not SIP enabled"
            #   users: [alice@DOMAIN, bob, "CN=Carol,OU=Staff,DC=example,DC=com"]
            #   searchBase: "OU=Former Lync users,DC=example,DC=com"
            # clientCleanup: false             # true writes the client clean-up script (dry run unless -Apply)

            """.Replace("TENANT", tenant, StringComparison.Ordinal).Replace("DOMAIN", domains[0], StringComparison.Ordinal));

        // The defaults from the model, so that this file and the loader cannot disagree.
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
            # safety:                          # generate refuses, unless --force, a change that removes more than
            #   maxRemovedPercent: {SafetyPolicy.DefaultMaxRemovedPercent,-12}# this share of the DNS records, the trusted domains or the
            #   minExisting: {SafetyPolicy.DefaultMinExisting,-18}# clients the tenant deployed (each kind apart), once it had this many

            """);
        return text.ToString();
    }

    /// <summary>The tenant name init proposes for a domain: its first label as people read it (punycode
    /// decoded, accents dropped: bücher.example → bucher), kept to a-z 0-9 '-'; the punycode label when
    /// nothing of it is Latin (東京.jp → xn--1lqs71d); "contoso" when neither is a tenant name.</summary>
    public static string TenantFor(string normalizedDomain)
    {
        var first = normalizedDomain.Split('.')[0];
        string unicode;
        try
        {
            unicode = Idn.GetUnicode(first);
        }
        catch (ArgumentException)
        {
            unicode = first;
        }

        var readable = new string([.. unicode.Normalize(NormalizationForm.FormD).ToLowerInvariant()
            .Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')]).Trim('-');
        return Identifiers.IsTenantName(readable) ? readable
            : Identifiers.IsTenantName(first) ? first
            : "contoso";
    }

    private static readonly System.Globalization.IdnMapping Idn = new();

    /// <summary>Default domain when init is given none.</summary>
    public const string ExampleDomain = "contoso.com";

}
