using System.Globalization;
using System.Text;
using DiffPlex.Renderer;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>The result of <c>import --into</c>: the file's new text, what was added (one line each), and
/// the unified diff from the old text.</summary>
public sealed record PolicyFileEdit(string Text, IReadOnlyList<string> Added, IReadOnlyList<string> Notes, string Diff);

/// <summary><c>import --into FILE</c>: adds what was imported to a policy file that loads, by inserting
/// text at the places the loader's node tree knows (<see cref="YamlNode.End"/>), so that every comment,
/// blank line and spelling of the file stays as it was. What it adds: the domains, clients, value
/// entries (to <c>trustModelData.existing</c> or <c>add</c>, as the import mapped them) and retired clients the file lacks, each name compared
/// after normalisation (<see cref="DomainName.Normalize"/>) so nothing is listed twice; dns and gpo keys
/// the file does not write; the names the import keeps to dns.keep (a name the file's dns.manage takes
/// over is refused, naming the entry and the records). A key the file writes with another value is not changed: that is an error
/// naming both places (SFB049), as is a place where text cannot be inserted safely (a flow collection
/// over several lines, a flow document). Insertions: after the last entry of a block list (its dash
/// and indentation copied) or the last line of a block mapping; before the closing bracket of a
/// one-line flow list or mapping (then a comment line above the key says where the entries come from);
/// a new section at the end of the file. The edited text is loaded again and must hold everything
/// imported, or nothing is written.</summary>
public static partial class PolicyFileEditor
{
    public static PolicyFileEdit? Add(string file, byte[] bytes, ImportedPolicy imported, DiagnosticBag diagnostics)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            Refuse(diagnostics, SourceSpan.StartOf(file), "the file is UTF-16; import --into edits UTF-8 policy files (save it as UTF-8)");
            return null;
        }

        var loaded = new DiagnosticBag();
        var tenant = PolicyLoader.Load(file, bytes, loaded, out var root, out var text);
        diagnostics.AddRange(loaded);
        if (tenant is null || root is null || text is null)
        {
            return null;
        }

        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var errors = new DiagnosticBag();
        var edits = new Edits(text, root, errors);
        var notes = new List<string>();
        var added = Plan(tenant, imported, edits, notes, errors);
        diagnostics.AddRange(errors);
        if (errors.HasErrors)
        {
            return null;
        }

        var edited = edits.Apply();
        var check = new DiagnosticBag();
        var reloaded = PolicyLoader.Load(file, Encoding.UTF8.GetBytes(edited), check);
        var missing = reloaded is null ? "it does not load: " + string.Join("; ", check.Sorted().Where(d => d.Severity == Severity.Error))
            : ImportedPolicyCheck.Missing(reloaded, imported) ?? ImportedPolicyCheck.Changes(reloaded, imported);
        if (missing is not null)
        {
            Refuse(diagnostics, SourceSpan.StartOf(file), $"the additions cannot be made safely ({missing}); add them by hand");
            return null;
        }

        var diff = added.Count == 0 ? "" : UnidiffRenderer.GenerateUnidiff(text, edited, $"a/{file}", $"b/{file}", ignoreWhitespace: false);
        return new PolicyFileEdit((bom ? "\uFEFF" : "") + edited, added, notes, diff);
    }

    /// <summary>Decides what to add and queues the insertions; returns one line per addition.</summary>
    private static List<string> Plan(TenantPolicy tenant, ImportedPolicy imported, Edits edits, List<string> notes, DiagnosticBag diagnostics)
    {
        var added = new List<string>();
        void List<T>(string? section, string key, IReadOnlyList<Sourced<T>> items, Func<T, string> shown)
        {
            if (items.Count > 0)
            {
                edits.AddToList(section, key, [.. items.Select(i => (shown(i.Value), i.Where))]);
                added.AddRange(items.Select(i => $"{(section is null ? "" : section + ".")}{key}: + {shown(i.Value)} ({i.Where})"));
            }
        }

        // A key the file writes keeps its value (another one is an error); one it leaves to its default
        // is written when the default is not what was read.
        void Scalar(string section, string key, string effective, string value, string where)
        {
            if (effective == value)
            {
                return;
            }

            if (edits.IsWritten(section, key))
            {
                Refuse(diagnostics, edits.PlaceOf(section, key), $"the file sets {section}.{key} to {effective} here, but the import read {value} at {where}; change one of them by hand");
                return;
            }

            edits.SetScalar(section, key, value, where);
            added.Add($"{section}.{key}: {value} ({where})");
        }

        var newDomains = imported.Domains.Where(d => !tenant.Domains.Contains(d.Value)).ToList();
        List(null, "domains", newDomains, d => d);
        if (imported.Trust is { } trust)
        {
            var kept = tenant.TrustModelData.Clients;
            foreach (var both in trust.Retired.Where(r => kept.Contains(r.Value)))
            {
                Refuse(diagnostics, edits.PlaceOf("trustModelData", "clients"), $"the file deploys TrustModelData for {both.Value.Id}, but the import read its deletion at {both.Where}; retire the client or keep it, by hand");
            }

            foreach (var both in trust.Clients.Where(c => tenant.Retired.Clients.Contains(c.Value)))
            {
                Refuse(diagnostics, edits.PlaceOf("retired", "clients"), $"the file retires {both.Value.Id}, but the import read its TrustModelData at {both.Where}; keep the client or retire it, by hand");
            }

            var newClients = trust.Clients.Where(c => !kept.Contains(c.Value)).ToList();
            if (newClients.Count > 0 && !edits.IsWritten("trustModelData", "clients"))
            {
                // Not written means [communicator]: writing the key keeps it, then adds the new ones.
                newClients.Insert(0, new Sourced<TrustClient>(TrustClient.Communicator, new Origin(SourceSpan.StartOf(""), "the default of trustModelData.clients, kept")));
            }

            List("trustModelData", "clients", newClients, c => c.Id);
            var known = tenant.TrustModelData.Value.Concat(newDomains.Select(d => d.Value)).ToHashSet(StringComparer.Ordinal);
            // Each new entry goes to the key the import mapped it to (and printed), so the merge keeps its
            // place in the value: an entry after the domains appended to existing would move before them.
            var mappedToAdd = trust.Add.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
            var newEntries = trust.Value.Where(v => !known.Contains(v.Value)).ToList();
            List("trustModelData", "existing", [.. newEntries.Where(v => !mappedToAdd.Contains(v.Value))], e => e);
            List("trustModelData", "add", [.. newEntries.Where(v => mappedToAdd.Contains(v.Value))], e => e);
            List("retired", "clients", [.. trust.Retired.Where(r => !tenant.Retired.Clients.Contains(r.Value))], c => c.Id);
            if (trust.KeepMicrosoftDefaults is { Value: false } keep && tenant.TrustModelData.KeepMicrosoftDefaults)
            {
                notes.Add($"the deployed value lacks Microsoft's defaults ({keep.Where}); the file keeps them (keepMicrosoftDefaults), so generate adds them");
            }
        }

        if (imported.Dns is { } dns)
        {
            var now = tenant.Dns;
            Scalar("dns", "profile", now.Profile.YamlName(), dns.Profile.Value.YamlName(), dns.Profile.Where);
            if (dns.Cloud is { } cloud)
            {
                Scalar("dns", "cloud", now.Cloud.YamlName(), cloud.Value.YamlName(), cloud.Where);
            }

            if (dns.SipTarget is { } sip)
            {
                Scalar("dns", "sipTarget", now.SipTarget, sip.Value, sip.Where);
            }

            if (dns.Lyncdiscover is { } lyncdiscover)
            {
                Scalar("dns", "lyncdiscover", now.Lyncdiscover ? "true" : "false", lyncdiscover.Value ? "true" : "false", lyncdiscover.Where);
            }

            Scalar("dns", "ttl", now.Ttl.ToString(CultureInfo.InvariantCulture), dns.Ttl.Value.ToString(CultureInfo.InvariantCulture), dns.Ttl.Where);
        }

        // dns.keep: the names whose records the profile does not publish. One the file's dns.manage takes
        // over is refused: the DNS files would own Microsoft's records there (docs/DNS.md, "What the tool
        // owns"), and a name is managed or kept, not both (SFB033).
        var keeps = new List<Sourced<string>>();
        foreach (var kept in imported.Kept.Where(k => !tenant.Dns.IsKept(k.Scope.Domain!, k.Scope.Name)))
        {
            if (tenant.Dns.Manage.FirstOrDefault(m => m.Covers(kept.Scope.Domain!, kept.Scope.Name)) is { } managed)
            {
                Refuse(diagnostics, edits.PlaceOfEntry("dns", "manage", raw => DnsNameScope.Parse(raw, out _) == managed), Managed(tenant, kept, managed));
            }
            else
            {
                keeps.Add(kept.Entry);
            }
        }

        List("dns", "keep", keeps, k => k);
        if (imported.GpoName is { } gpo)
        {
            Scalar("gpo", "name", ImportedPolicyWriter.Quoted(tenant.Gpo.Name), ImportedPolicyWriter.Quoted(gpo.Value), gpo.Where);
        }

        return added;
    }

    /// <summary>Why a name import keeps cannot be kept while dns.manage takes it over: what the DNS files
    /// would do to the records the source holds there, by the one rule (<see cref="DnsNameRule.Decide"/>).</summary>
    private static string Managed(TenantPolicy tenant, KeptName kept, DnsNameScope managed)
    {
        var domain = kept.Scope.Domain!;
        var rule = DnsRules.ForDomain(tenant, domain, tenant.Retired.Domains.Contains(domain), DnsHistory.None).Single(r => r.Name == kept.Scope.Name);
        var decision = rule.Decide([.. kept.Records.Select(DnsProfileMatcher.Present)]);
        var consequence = decision.Step switch
        {
            DnsStep.Replace => $"the DNS files would replace {decision.Found} with {rule.Wanted!.Type} {rule.Wanted.Data}: a planned deletion of a live record",
            DnsStep.Remove => $"the DNS files would remove {string.Join(", ", decision.Removed)}: a planned deletion of a live record",
            DnsStep.Right or DnsStep.SetTtl or DnsStep.Add or DnsStep.Conflict or DnsStep.Kept => "a name is managed or kept, not both",
        };
        return $"dns.manage '{managed}' takes over {rule.Owner}, where {kept.Where} holds {string.Join(", ", kept.Records.Select(r => $"{r.Type} {r.Data}"))}; {consequence}. Import keeps that name ({kept.Why}): take the entry out of dns.manage (or narrow it to other domains) and import again";
    }

    /// <summary>SFB049: what import --into will not add to this file, at its place there.</summary>
    private static void Refuse(DiagnosticBag diagnostics, SourceSpan at, string message) =>
        diagnostics.Error(DiagnosticCodes.CannotAddToPolicyFile, at, message);
}
