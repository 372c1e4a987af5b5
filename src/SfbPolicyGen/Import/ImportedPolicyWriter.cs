using System.Globalization;
using System.Text;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Concerns.Dns;
using SfbPolicyGen.Concerns.Proxy;
using SfbPolicyGen.Concerns.Trust;
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
    /// <param name="file">The file as the user will name it (the header's run line).</param>
    /// <param name="sources">The sources as given on the command line.</param>
    /// <param name="concerns">Whose keys to write (default <see cref="ConcernRegistry.Default"/>): the
    /// keys of a concern read by their type alone, which no source speaks of, come last as init writes them.</param>
    public static string Render(string file, ImportedPolicy policy, IReadOnlyList<string> sources, ConcernRegistry? concerns = null)
    {
        // The layout is this file's; every default and help comes from the key declarations.
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Valued(string line, string comment) => Line(PolicyFileLines.Commented(line, comment));
        void Note(string indent, PolicyKey key) => Line($"{indent}# {key.Comment}");
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
            Line($"#   {PolicyFileLines.Comment(source)}");
        }

        Line($"# A comment beside each imported value says where it was read. Review the file, then run");
        Line($"# `sfbpolicygen generate {PolicyFileLines.Comment(file)}` to write out/{policy.Tenant}/. Every key and its default: README.md.");
        Line("tenant:");
        Valued($"  name: {Scalar(policy.Tenant)}", policy.TenantFrom);
        Valued($"  # displayName: {policy.Tenant}", TenantKeys.DisplayName.Comment!);
        Line();
        Line("# The tenant's SIP domains.");
        Entries("", "domains", policy.Domains, d => d, "");
        Line();

        Line("trustModelData:");
        Note("  ", TrustKeys.Clients);
        if (policy.Trust is { } trust)
        {
            Entries("  ", "clients", trust.Clients, c => c.Id, "");
            Note("  ", TrustKeys.Existing);
            Entries("  ", "existing", trust.Existing, e => e, "the value holds nothing before Microsoft's defaults");
            Valued($"  keepMicrosoftDefaults: {YamlText.Bool(trust.KeepMicrosoftDefaults.Value)}", $"{TrustKeys.KeepMicrosoftDefaults.Comment}: {trust.KeepMicrosoftDefaults.Where}");
            Entries("  ", "add", trust.Add, a => a, "the value holds nothing after the tenant's domains");
        }
        else
        {
            Valued($"  clients: {PolicyFileTemplate.ProposedClients}", "not imported: no .reg, Registry.pol or GPO backup set TrustModelData");
            Note("  ", TrustKeys.Existing);
            Valued("  existing: []", "not imported: list the deployed value's entries here");
            Valued($"  keepMicrosoftDefaults: {TrustKeys.KeepMicrosoftDefaults.Default}", TrustKeys.KeepMicrosoftDefaults.Comment!);
            Line("  add: []");
        }

        Line();
        Line("proxy:");
        Valued($"  kind: {ProxyKeys.Kind.Default}", $"not imported: {ProxyKeys.Kind.Comment}");
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
                Valued($"  lyncdiscover: {YamlText.Bool(lyncdiscover.Value)}", lyncdiscover.Value ? lyncdiscover.Where : "no lyncdiscover record: " + lyncdiscover.Where);
            }

            Valued($"  ttl: {dns.Ttl.Value.ToString(CultureInfo.InvariantCulture)}", dns.Ttl.Where);
        }
        else
        {
            Valued($"  profile: {DnsKeys.Profile.Default}", $"not imported: {DnsKeys.Profile.Comment}");
            Line($"  ttl: {DnsKeys.Ttl.Default}");
        }

        if (!policy.Kept.IsEmpty)
        {
            Line("  # Names every DNS file leaves as they are: the zones hold records there that the profile does not publish.");
            Entries("  ", "keep", [.. policy.Kept.Select(k => k.Entry)], k => k, "");
        }

        Line();
        Line("admx:");
        Line($"  languages: {TrustKeys.Languages.Default}");
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

        concerns ??= ConcernRegistry.Default;
        if (concerns.GenericKeys().Any())
        {
            Line();
            PolicyFileLines.WriteGenericKeys(text, concerns);
        }

        return text.ToString();
    }

    /// <summary>A plain scalar when it reads back as the same string (not a YAML null), else double-quoted.</summary>
    internal static string Scalar(string value) => value is "null" or "Null" or "NULL" or "~" ? Quoted(value) : value;

    /// <summary>A YAML double-quoted scalar; the text passed the free-text rules (no control characters).</summary>
    internal static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
