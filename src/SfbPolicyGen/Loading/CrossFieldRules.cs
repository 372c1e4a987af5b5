using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>Rules that look across fields, one small rule per code and one code per rule: the warnings,
/// and the error of a retired entry the policy still keeps. They run on every document, one with errors
/// too, so that a file's warnings come with its errors; each speaks only of values read as valid (a
/// refused value is already an error), and tells a key not written from one written.</summary>
internal static class CrossFieldRules
{
    /// <summary>Under this many seconds a TTL draws SFB104.</summary>
    public const int LowTtlSeconds = 300;

    private static readonly Action<PolicyDocument, DiagnosticBag>[] Rules =
        [DomainListedTwice, MicrosoftDefaultsDropped, NoEnglishResources, LowTtl, SettingHasNoEffect, ImplicitLyncdiscover, RetiredButKept, DnsNamesOfTheTenant];

    public static void Check(PolicyDocument document, DiagnosticBag diagnostics)
    {
        foreach (var rule in Rules)
        {
            rule(document, diagnostics);
        }
    }

    /// <summary>SFB101: the merge lists domains anyway (README, "TrustModelData").</summary>
    private static void DomainListedTwice(PolicyDocument document, DiagnosticBag diagnostics)
    {
        var domains = document.Domains.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var add in document.TrustModelData.Add.Accepted.Where(a => domains.Contains(a.Value)))
        {
            diagnostics.Warning(DiagnosticCodes.DomainListedTwice, add.At, $"'{add.Value}' is already in 'domains'; listing it in 'trustModelData.add' changes nothing");
        }
    }

    /// <summary>SFB102: once TrustModelData is set, clients stop trusting their built-in domains (docs/REGISTRY.md, "Add, do not replace").</summary>
    private static void MicrosoftDefaultsDropped(PolicyDocument document, DiagnosticBag diagnostics)
    {
        if (document.TrustModelData.KeepMicrosoftDefaults is { IsValid: true, Value: false } keep)
        {
            diagnostics.Warning(DiagnosticCodes.MicrosoftDefaultsDropped, keep.At,
                $"keepMicrosoftDefaults is false: clients will stop trusting {string.Join(", ", TrustListMerger.MicrosoftDefaults)} unless the existing value lists them");
        }
    }

    /// <summary>SFB103: ADMX's fallbackCulture is en-US.</summary>
    private static void NoEnglishResources(PolicyDocument document, DiagnosticBag diagnostics)
    {
        var languages = document.Admx.Languages;
        if (languages.IsComplete && languages.Entries.Length > 0 && !languages.Values.Contains(Languages.English, StringComparer.Ordinal))
        {
            diagnostics.Warning(DiagnosticCodes.NoEnglishResources, languages.At,
                "no en-US resources: the Group Policy editor falls back to en-US (fallbackCulture) when the admin's language is missing");
        }
    }

    /// <summary>SFB104: a low TTL is allowed, but Microsoft documents <see cref="DnsPolicy.DefaultTtl"/>.</summary>
    private static void LowTtl(PolicyDocument document, DiagnosticBag diagnostics)
    {
        if (document.Dns.RecordsKnown && document.Dns.Ttl is { IsValid: true, Value: < LowTtlSeconds } ttl)
        {
            diagnostics.Warning(DiagnosticCodes.LowTtl, ttl.At, $"a TTL of {ttl.Value} s is low; Microsoft documents {DnsPolicy.DefaultTtl}");
        }
    }

    /// <summary>SFB106: a setting written where nothing reads it, in each place README names.</summary>
    private static void SettingHasNoEffect(PolicyDocument document, DiagnosticBag diagnostics)
    {
        void NoEffect(SourceSpan at, string message) => diagnostics.Warning(DiagnosticCodes.SettingHasNoEffect, at, message);

        var (proxy, dns, directory) = (document.Proxy, document.Dns, document.ActiveDirectory);
        if (proxy.Applications.IsList && !proxy.Kind.IsInvalid && proxy.KindOrDefault == ProxyKind.None)
        {
            NoEffect(proxy.Applications.At, "'proxy.applications' has no effect while 'proxy.kind' is none");
        }

        if (dns.RecordsKnown && dns.ProfileOrDefault == DnsProfile.TeamsOnly && dns.SipTarget.IsValid)
        {
            NoEffect(dns.SipTarget.At, "'dns.sipTarget' has no effect with the teams-only profile (it publishes no sip record)");
        }

        if (dns.RecordsKnown && dns.ProfileOrDefault == DnsProfile.Troubleshooting && dns.Cloud.IsValid)
        {
            NoEffect(dns.Cloud.At, "'dns.cloud' has no effect with the troubleshooting profile: its sip target is the article's value unless 'dns.sipTarget' sets one");
        }

        if (dns.RecordsKnown && dns.ProfileOrDefault != DnsProfile.SkypeOnline && dns.Lyncdiscover.IsWritten)
        {
            NoEffect(dns.Lyncdiscover.At, "'dns.lyncdiscover' only applies to the skype-online profile");
        }

        if (directory.Filter.IsWritten && !directory.SearchBase.IsWritten)
        {
            NoEffect(directory.Filter.At, "'activeDirectory.filter' applies only with 'activeDirectory.searchBase'");
        }
    }

    /// <summary>SFB030 (an error): a retired domain or client the policy still deploys. The deploy
    /// scripts would add it and take it away in the same run; the policy must say which it wants.</summary>
    private static void RetiredButKept(PolicyDocument document, DiagnosticBag diagnostics)
    {
        void Kept(SourceSpan at, string message) => diagnostics.Error(DiagnosticCodes.RetiredButKept, at, message);
        var (trust, retired) = (document.TrustModelData, document.Retired);
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (list, path) in new[] { (document.Domains, "domains"), (trust.Existing, "trustModelData.existing"), (trust.Add, "trustModelData.add") })
        {
            foreach (var name in list.Values)
            {
                kept.TryAdd(name, $"still listed in '{path}'");
            }
        }

        if (trust.KeepMicrosoftDefaults.Or(true))
        {
            foreach (var name in TrustListMerger.MicrosoftDefaults)
            {
                kept.TryAdd(name, "one of Microsoft's default trusted domains, which 'trustModelData.keepMicrosoftDefaults' keeps");
            }
        }

        foreach (var domain in retired.Domains.Accepted.Where(d => kept.ContainsKey(d.Value)))
        {
            Kept(domain.At, $"'{domain.Value}' is retired but {kept[domain.Value]}: keep it or retire it, not both");
        }

        var clients = trust.Clients.IsWritten ? trust.Clients.Values.ToHashSet() : [TrustClient.Communicator];
        foreach (var client in retired.Clients.Accepted.Where(c => clients.Contains(c.Value)))
        {
            Kept(client.At, $"client '{client.Value.Id}' is retired but still {(trust.Clients.IsWritten ? "listed in 'trustModelData.clients'" : "the default of 'trustModelData.clients' (communicator)")}: keep it or retire it, not both");
        }
    }

    /// <summary>SFB107: for hybrid tenants the public lyncdiscover record changes how Microsoft
    /// provisions the tenant, so publishing it must be a choice someone wrote down (docs/DNS.md, "The records").</summary>
    private static void ImplicitLyncdiscover(PolicyDocument document, DiagnosticBag diagnostics)
    {
        if (document.Dns.RecordsKnown && document.Dns.Profile is { IsValid: true, Value: DnsProfile.SkypeOnline } profile && !document.Dns.Lyncdiscover.IsWritten)
        {
            diagnostics.Warning(DiagnosticCodes.ImplicitLyncdiscover, profile.At,
                "the skype-online profile publishes lyncdiscover by default; in a hybrid deployment that record changes how Microsoft provisions the tenant: set 'dns.lyncdiscover' to true or false");
        }
    }

    /// <summary>SFB033 (an error): a dns.manage or dns.keep entry names a domain the tenant neither has nor
    /// retired (its batches never touch that zone), or a name is in both lists (the tool cannot both take
    /// it over and leave it alone).</summary>
    private static void DnsNamesOfTheTenant(PolicyDocument document, DiagnosticBag diagnostics)
    {
        void Refuse(SourceSpan at, string message) => diagnostics.Error(DiagnosticCodes.DnsNameOutsideTenant, at, message);
        var domains = document.Domains.Values.Concat(document.Retired.Domains.Values).ToHashSet(StringComparer.Ordinal);
        var (manage, keep) = (document.Dns.Manage, document.Dns.Keep);
        foreach (var (list, key) in new[] { (manage, "dns.manage"), (keep, "dns.keep") })
        {
            foreach (var entry in list.Accepted.Where(e => e.Value.Domain is { } domain && !domains.Contains(domain)))
            {
                Refuse(entry.At, $"'{entry.Value}' in '{key}' names {entry.Value.Domain}, which is neither in 'domains' nor in 'retired.domains': the tenant's DNS files never touch that zone");
            }
        }

        foreach (var entry in keep.Accepted)
        {
            if (manage.Accepted.FirstOrDefault(m => m.Value.Name == entry.Value.Name && (m.Value.Domain is null || entry.Value.Domain is null || m.Value.Domain == entry.Value.Domain)) is { IsValid: true } managed)
            {
                Refuse(entry.At, $"'{entry.Value}' is in 'dns.keep' but 'dns.manage' takes it over ('{managed.Value}', line {managed.At.Line}): keep it or manage it, not both");
            }
        }
    }
}
