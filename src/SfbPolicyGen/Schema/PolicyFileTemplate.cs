using System.Text;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Concerns.ActiveDirectory;
using SfbPolicyGen.Concerns.ClientCleanup;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Proxy;
using SfbPolicyGen.Concerns.Trust;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Schema;

/// <summary>The commented policies.yaml that <c>sfbpolicygen init</c> writes: every section with its
/// default and a line of help, the optional ones commented out. Values come in validated (a tenant
/// name, domain names as typed that normalise to valid names, a proxy kind from a fixed list), so they
/// are plain YAML scalars; init loads the text before writing it.</summary>
public static class PolicyFileTemplate
{
    public const string SchemaFileName = "policies.schema.json";

    private const int OptionalCommentColumn = 35;

    /// <summary>The clients init proposes, and import writes when no source set TrustModelData: the
    /// article's key and the current client (the default, <see cref="TrustKeys.Clients"/>, is the first alone).</summary>
    public static readonly string ProposedClients = YamlText.List([TrustClient.Communicator.Id, TrustClient.Skype2016.Id]);

    /// <param name="file">The file as the user named it: the header's run line names it.</param>
    /// <param name="domains">As typed (an internationalised name stays readable; the loader normalises it).</param>
    /// <param name="concerns">Whose keys to show (default <see cref="ConcernRegistry.Default"/>): the
    /// keys of a concern read by their type alone come last, commented out.</param>
    public static string Render(string file, string tenant, IReadOnlyList<string> domains, string proxyKind, ConcernRegistry? concerns = null)
    {
        // The layout is this file's; every default and help comes from the key declarations.
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Valued(string line, string comment) => Line(PolicyFileLines.Commented(line, comment));
        Line($"# yaml-language-server: $schema={SchemaFileName}");
        Line($"# SfbPolicyGen policy file: run `sfbpolicygen generate {file}` to write out/{tenant}/.");
        Line("# Every key and its default: README.md, 'policies.yaml reference'.");
        Line("tenant:");
        Line($"  name: {tenant}                 # {TenantKeys.Name.Comment}");
        Line($"  # displayName: {tenant}        # {TenantKeys.DisplayName.Comment}");
        Line();
        Line("# The tenant's SIP domains (internationalised names may be written as they read; they are converted to punycode).");
        Line("domains:");
        foreach (var domain in domains)
        {
            Line($"  - {domain}");
        }

        Line();
        Line("trustModelData:");
        Line($"  # {TrustKeys.Clients.Comment}");
        Line($"  clients: {ProposedClients}");
        Line($"  # {TrustKeys.Existing.Comment}");
        Line("  existing: []");
        Valued($"  keepMicrosoftDefaults: {TrustKeys.KeepMicrosoftDefaults.Default}", $"keep {TrustKeys.KeepMicrosoftDefaults.Comment}");
        Line("  add: []");
        Line();
        Line("proxy:");
        Line($"  kind: {proxyKind}                    # {ProxyKeys.Kind.Comment}");
        Line();
        Line("dns:");
        Valued($"  profile: {DnsKeys.Profile.Default}", DnsKeys.Profile.Comment!);
        Line($"  ttl: {DnsKeys.Ttl.Default}");
        // "NAME.<first domain>": an example of the one-domain form.
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
              # The French article gives sipdir.online.microsoft.com (the default); its English edition and
              # Microsoft's DNS reference give sipdir.online.lync.com. Uncomment to choose that one:
              # sipTarget: sipdir.online.lync.com
              # The DNS files replace or remove only records this tool published. Also take over the
              # Microsoft records at these names (sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp,
              # or NAME.{domains[0]} for one domain), published before this tool:
              # manage: [lyncdiscover]
              # Leave these names exactly as they are (a hybrid tenant's on-premises sip, say):
              # keep: [sip]

            """);
        Line();
        Line("admx:");
        Line($"  languages: {TrustKeys.Languages.Default}");
        Line();
        Line("# Optional:");
        Line("# gpo:");
        Line($"#   name: {GpoPolicy.DefaultName(tenant)}");
        Optional(ActiveDirectoryKeys.ActiveDirectory.Name + ":", ActiveDirectoryKeys.ActiveDirectory.Comment!);
        Line($"#   users: [alice@{domains[0]}, bob, \"CN=Carol,OU=Staff,DC=example,DC=com\"]");
        Line("#   searchBase: \"OU=Former Lync users,DC=example,DC=com\"");
        Optional($"{ClientCleanupKeys.ClientCleanup.Name}: {ClientCleanupKeys.ClientCleanup.Default}", ClientCleanupKeys.ClientCleanup.Comment!);

        // The safety comment is one sentence across its keys' lines.
        Optional("safety:", "generate refuses, unless --force, a change that removes more than");
        Optional($"  {TenantKeys.MaxRemovedPercent.Name}: {TenantKeys.MaxRemovedPercent.Default}", "this share of the DNS records, the trusted domains or the");
        Optional($"  {TenantKeys.MinExisting.Name}: {TenantKeys.MinExisting.Default}", "clients the tenant deployed (each kind apart), once it had this many");
        PolicyFileLines.WriteGenericKeys(text, concerns ?? ConcernRegistry.Default);
        return text.ToString();

        // A commented-out key, its comment a little further than the others' (as init always wrote it).
        void Optional(string line, string comment) => Line($"# {line}".PadRight(OptionalCommentColumn) + "# " + PolicyFileLines.Comment(comment));
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
