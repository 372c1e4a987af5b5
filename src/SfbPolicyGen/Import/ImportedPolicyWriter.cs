using System.Globalization;
using System.Text;
using SfbPolicyGen.Model;
using SfbPolicyGen.Schema;

namespace SfbPolicyGen.Import;

/// <summary>The policies.yaml that <c>import</c> writes: the layout of init's file
/// (<see cref="PolicyFileTemplate"/>: the schema line, every section with a line of help), each
/// imported value with a comment saying where it was read, and init's defaults, marked as not
/// imported, for the sections no source spoke of; dns.keep lists, one per line, the names whose records
/// the profile does not publish (what was read there, and why it is kept). Lists are written one entry per line, so that a
/// later <c>import --into</c> can add to them. Values are domain names (a-z 0-9 '-' '.'), the tenant
/// name, names from fixed lists, numbers, and gpo.name (free text already validated: double-quoted with
/// its escapes); comments hold nothing that could end a line (the command checks the sources' names).</summary>
public static class ImportedPolicyWriter
{
    /// <summary>Where comments start, as in init's file.</summary>
    private const int CommentColumn = 32;

    /// <param name="file">The file as the user will name it (the header's run line).</param>
    /// <param name="sources">The sources as given on the command line.</param>
    public static string Render(string file, ImportedPolicy policy, IReadOnlyList<string> sources)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Valued(string line, string comment) => Line(Commented(line, comment));
        void Entries<T>(string indent, string key, IReadOnlyList<Sourced<T>> entries, Func<T, string> shown, string ifEmpty)
        {
            if (entries.Count == 0)
            {
                Valued($"{indent}{key}: []", ifEmpty);
                return;
            }

            Line($"{indent}{key}:");
            foreach (var entry in entries)
            {
                Valued($"{indent}  - {shown(entry.Value)}", entry.Where);
            }
        }

        Line($"# yaml-language-server: $schema={PolicyFileTemplate.SchemaFileName}");
        Line("# SfbPolicyGen policy file, imported by `sfbpolicygen import` from what is deployed:");
        foreach (var source in sources)
        {
            Line($"#   {Comment(source)}");
        }

        Line($"# A comment beside each imported value says where it was read. Review the file, then run");
        Line($"# `sfbpolicygen generate {Comment(file)}` to write out/{policy.Tenant}/. Every key and its default: README.md.");
        Line("tenant:");
        Valued($"  name: {Scalar(policy.Tenant)}", policy.TenantFrom);
        Valued($"  # displayName: {policy.Tenant}", "shown in the Group Policy editor and the guide");
        Line();
        Line("# The tenant's SIP domains.");
        Entries("", "domains", policy.Domains, d => d, "");
        Line();

        Line("trustModelData:");
        Line("  # Which clients get the value: communicator (Lync 2010, the article's key), lync2013, skype2016.");
        if (policy.Trust is { } trust)
        {
            Entries("  ", "clients", trust.Clients, c => c.Id, "");
            Line("  # What the deployed value already holds: kept first, in this order (\"add, do not replace\").");
            Entries("  ", "existing", trust.Existing, e => e, "the value holds nothing before Microsoft's defaults");
            Valued($"  keepMicrosoftDefaults: {(trust.KeepMicrosoftDefaults.Value ? "true" : "false")}", $"{string.Join(", ", TrustListMerger.MicrosoftDefaults)}: {trust.KeepMicrosoftDefaults.Where}");
            Entries("  ", "add", trust.Add, a => a, "the value holds nothing after the tenant's domains");
        }
        else
        {
            Valued("  clients: [communicator, skype2016]", "not imported: no .reg, Registry.pol or GPO backup set TrustModelData");
            Line("  # What the deployed value already holds: kept first, in this order (\"add, do not replace\").");
            Valued("  existing: []", "not imported: list the deployed value's entries here");
            Valued("  keepMicrosoftDefaults: true", string.Join(", ", TrustListMerger.MicrosoftDefaults));
            Line("  add: []");
        }

        Line();
        Line("proxy:");
        Valued("  kind: none", "not imported: tmg | other | none; tmg and other get the article's msoidsvc rule");
        Line();
        Line("dns:");
        if (policy.Dns is { } dns)
        {
            Valued($"  profile: {dns.Profile.Value.YamlName()}", dns.Profile.Where);
            if (dns.Cloud is { } cloud)
            {
                Valued($"  cloud: {cloud.Value.YamlName()}", cloud.Where);
            }

            if (dns.SipTarget is { } sip)
            {
                Valued($"  sipTarget: {sip.Value}", sip.Where);
            }

            if (dns.Lyncdiscover is { } lyncdiscover)
            {
                Valued($"  lyncdiscover: {(lyncdiscover.Value ? "true" : "false")}", lyncdiscover.Value ? lyncdiscover.Where : "no lyncdiscover record: " + lyncdiscover.Where);
            }

            Valued($"  ttl: {dns.Ttl.Value.ToString(CultureInfo.InvariantCulture)}", dns.Ttl.Where);
        }
        else
        {
            Valued("  profile: troubleshooting", "not imported: troubleshooting (the article's sip CNAME) | skype-online | teams-only");
            Line($"  ttl: {DnsPolicy.DefaultTtl.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!policy.Kept.IsEmpty)
        {
            Line("  # Names every DNS file leaves as they are: the zones hold records there that the profile does not publish.");
            Entries("  ", "keep", [.. policy.Kept.Select(k => k.Entry)], k => k, "");
        }

        Line();
        Line("admx:");
        Line("  languages: [en-US, fr-FR]");
        if (policy.GpoName is { } gpo)
        {
            Line();
            Line("gpo:");
            Valued($"  name: {Quoted(gpo.Value)}", gpo.Where);
        }

        if (policy.Trust is { Retired.Length: > 0 } retiring)
        {
            Line();
            Line("# What an earlier deployment set and the deploy artifacts take away (README, 'Retiring').");
            Line("retired:");
            Entries("  ", "clients", retiring.Retired, c => c.Id, "");
        }

        return text.ToString();
    }

    /// <summary><paramref name="line"/> with <paramref name="comment"/> beside it, from column 33 as in init's file.</summary>
    internal static string Commented(string line, string comment) =>
        line.Length < CommentColumn ? line.PadRight(CommentColumn) + "# " + Comment(comment) : $"{line}  # {Comment(comment)}";

    /// <summary>A plain scalar when it reads back as the same string (not a YAML null), else double-quoted.</summary>
    internal static string Scalar(string value) => value is "null" or "Null" or "NULL" or "~" ? Quoted(value) : value;

    /// <summary>A YAML double-quoted scalar; the text passed the free-text rules (no control characters).</summary>
    internal static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Text for a comment: anything that could end the line or mislead a reader becomes '?'.</summary>
    internal static string Comment(string text) => string.Concat(text.EnumerateRunes().Select(r => FreeText.IsUnsafeToShow(r) ? "?" : r.ToString()));
}
