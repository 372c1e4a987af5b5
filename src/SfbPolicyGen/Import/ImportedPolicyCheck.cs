using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>The round trip import promises, checked on the loaded model before anything is written:
/// the policy holds every imported domain, client and value entry, its dns section publishes the
/// records read, and its GPO is the one read. A new file must hold exactly the value read (plus the
/// tenant's domains it lacked); a file import --into added to must hold it among its own.</summary>
public static class ImportedPolicyCheck
{
    /// <summary>What <paramref name="policy"/> lacks of <paramref name="imported"/>, or null when it holds all of it.</summary>
    public static string? Missing(TenantPolicy policy, ImportedPolicy imported)
    {
        var lacks = new List<string>();
        lacks.AddRange(imported.Domains.Where(d => !policy.Domains.Contains(d.Value)).Select(d => $"domain {d.Value}"));
        if (imported.Trust is { } trust)
        {
            lacks.AddRange(trust.Clients.Where(c => !policy.TrustModelData.Clients.Contains(c.Value)).Select(c => $"client {c.Value.Id}"));
            lacks.AddRange(trust.Value.Where(v => !policy.TrustModelData.Value.Contains(v.Value)).Select(v => $"value entry {v.Value}"));
        }

        if (imported.Dns is { } dns)
        {
            var d = policy.Dns;
            var sip = dns.SipTarget?.Value ?? DnsCloudTargets.DefaultSipTarget(dns.Profile.Value, dns.Cloud?.Value ?? DnsCloud.Worldwide);
            if (d.Profile != dns.Profile.Value || (dns.Cloud is { } c && d.Cloud != c.Value) || (dns.Profile.Value != DnsProfile.TeamsOnly && d.SipTarget != sip)
                || (dns.Lyncdiscover is { } l && d.Lyncdiscover != l.Value) || d.Ttl != dns.Ttl.Value)
            {
                lacks.Add($"the dns section gives {d.Profile.YamlName()} (cloud {d.Cloud.YamlName()}, sip {d.SipTarget}, ttl {d.Ttl}), not the records read ({dns.Profile.Where})");
            }
        }

        lacks.AddRange(imported.Kept.Where(k => !policy.Dns.IsKept(k.Scope.Domain!, k.Scope.Name)).Select(k => $"dns.keep {k.Scope}"));
        if (imported.GpoName is { } gpo && policy.Gpo.Name != gpo.Value)
        {
            lacks.Add("gpo.name");
        }

        return lacks.Count == 0 ? null : string.Join(", ", lacks);
    }

    /// <summary>What deploying <paramref name="policy"/> as a first deployment would do to a record the
    /// zones read hold, by the rule every DNS path follows (<see cref="DnsNameRule.Decide"/>): replace,
    /// remove or set the TTL of one, conflict with one (a name it wants holding someone else's record), or
    /// leave a Microsoft record where it wants none (verify-dns: unwanted). Null when it does none of these:
    /// it adds records only where a zone holds nothing, and every other name is right or kept (issue 20).</summary>
    public static string? Changes(TenantPolicy policy, ImportedPolicy imported)
    {
        var changes = new List<string>();
        foreach (var zone in imported.Zones.Select(DnsProfileMatcher.Hold))
        {
            var domain = zone.Zone.Domain;
            var retired = policy.Retired.Domains.Contains(domain);
            if (!retired && !policy.Domains.Contains(domain))
            {
                continue;
            }

            foreach (var rule in DnsRules.ForDomain(policy, domain, retired, DnsHistory.None))
            {
                var held = zone.AtNames[rule.Name];
                var decision = rule.Decide([.. held.Select(h => h.Present)]);
                var microsoft = held.Where(h => DnsCloudTargets.MicrosoftTargets.Contains(h.Present.Data.Split(' ')[^1].TrimEnd('.'), StringComparer.OrdinalIgnoreCase)).ToList();
                var change = decision.Step switch
                {
                    DnsStep.Right when rule.Wanted is null && microsoft.Count > 0 => $"leaves {microsoft[0].Present} unwanted",
                    DnsStep.Right or DnsStep.Add or DnsStep.Kept => null,
                    DnsStep.SetTtl => $"sets the TTL of {decision.Found}",
                    DnsStep.Replace => $"replaces {decision.Found}",
                    DnsStep.Remove => $"removes {string.Join(", ", decision.Removed)}",
                    DnsStep.Conflict => $"conflicts with {string.Join(", ", decision.Blocking)}",
                };
                if (change is not null)
                {
                    changes.Add($"{change} at {rule.Owner} ({Origin.Few(held.Select(h => h.Found.At))})");
                }
            }
        }

        return changes.Count == 0 ? null : "deploying it " + string.Join("; ", changes);
    }

    /// <summary>For a file import wrote: the merged value is the value read, entry for entry and in its
    /// order, plus only the tenant's domains it lacked.</summary>
    public static string? ValueDiffers(TenantPolicy policy, ImportedPolicy imported)
    {
        if (imported.Trust is not { } trust)
        {
            return null;
        }

        var read = trust.Value.Select(v => v.Value).ToList();
        var merged = policy.TrustModelData.Value;
        return TrustValueLayout.GivesBack(merged, read) && merged.All(e => read.Contains(e) || policy.Domains.Contains(e))
            ? null
            : $"the value would be '{policy.TrustModelData.RegistryValue}', not '{string.Join(',', read)}' and the tenant's domains";
    }
}
