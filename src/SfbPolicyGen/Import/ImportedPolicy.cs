using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>What import maps its sources to, key by key of policies.yaml, each value with where it was
/// read. A section is null when no source spoke of it (then the file keeps init's defaults).</summary>
/// <param name="TenantFrom">Why the tenant has its name: "--tenant", or the domain it was derived from.</param>
/// <param name="Kept">The names dns.keep must hold: what the zones hold there is not the profile's record
/// alone, so that deploying the policy deletes, replaces and conflicts with none of it.</param>
/// <param name="Unmapped">Records no key of policies.yaml holds and no DNS file changes, listed for the user.</param>
/// <param name="Notes">Rules applied where the sources left a choice, said once each.</param>
public sealed record ImportedPolicy(
    string Tenant,
    string TenantFrom,
    ImmutableArray<Sourced<string>> Domains,
    ImportedTrust? Trust,
    ImportedDns? Dns,
    Sourced<string>? GpoName,
    ImmutableArray<KeptName> Kept,
    ImmutableArray<UnmappedRecord> Unmapped,
    ImmutableArray<string> Notes)
{
    /// <summary>The zones read: what the policy written must change nothing of (<see cref="ImportedPolicyCheck.Changes"/>).</summary>
    public ImmutableArray<ZoneFound> Zones { get; init; } = [];

    /// <summary>Each imported value as policies.yaml's key, the value, and where it was read: what the
    /// command prints and the file's comments say.</summary>
    public IEnumerable<(string Key, string Value, string Where)> Values()
    {
        yield return ("tenant.name", Tenant, TenantFrom);
        foreach (var domain in Domains)
        {
            yield return ("domains", domain.Value, domain.Where);
        }

        if (Trust is { } trust)
        {
            foreach (var client in trust.Clients)
            {
                yield return ("trustModelData.clients", client.Value.Id, client.Where);
            }

            foreach (var entry in trust.Existing)
            {
                yield return ("trustModelData.existing", entry.Value, entry.Where);
            }

            yield return ("trustModelData.keepMicrosoftDefaults", trust.KeepMicrosoftDefaults.Value ? "true" : "false", trust.KeepMicrosoftDefaults.Where);
            foreach (var entry in trust.Add)
            {
                yield return ("trustModelData.add", entry.Value, entry.Where);
            }

            foreach (var client in trust.Retired)
            {
                yield return ("retired.clients", client.Value.Id, client.Where);
            }
        }

        if (Dns is { } dns)
        {
            yield return ("dns.profile", dns.Profile.Value.YamlName(), dns.Profile.Where);
            if (dns.Cloud is { } cloud)
            {
                yield return ("dns.cloud", cloud.Value.YamlName(), cloud.Where);
            }

            if (dns.SipTarget is { } sip)
            {
                yield return ("dns.sipTarget", sip.Value, sip.Where);
            }

            if (dns.Lyncdiscover is { } lyncdiscover)
            {
                yield return ("dns.lyncdiscover", lyncdiscover.Value ? "true" : "false", lyncdiscover.Where);
            }

            yield return ("dns.ttl", dns.Ttl.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), dns.Ttl.Where);
        }

        foreach (var kept in Kept)
        {
            yield return ("dns.keep", kept.Scope.ToString(), kept.Where);
        }

        if (GpoName is { } gpo)
        {
            yield return ("gpo.name", gpo.Value, gpo.Where);
        }
    }
}

/// <param name="Clients">The clients whose value is set, in <see cref="TrustClient.All"/> order.</param>
/// <param name="Retired">The clients whose value the sources delete.</param>
/// <param name="Value">The deployed value (normalised; for several clients, their union), which the
/// merge of Existing, the defaults if kept, the domains and Add gives back.</param>
public sealed record ImportedTrust(
    ImmutableArray<Sourced<TrustClient>> Clients,
    ImmutableArray<Sourced<TrustClient>> Retired,
    ImmutableArray<Sourced<string>> Existing,
    Sourced<bool> KeepMicrosoftDefaults,
    ImmutableArray<Sourced<string>> Add,
    ImmutableArray<Sourced<string>> Value);

/// <param name="Cloud">Null for troubleshooting (its records do not depend on it).</param>
/// <param name="SipTarget">Null when the profile's default: written only when it differs.</param>
/// <param name="Lyncdiscover">Null unless skype-online.</param>
public sealed record ImportedDns(
    Sourced<DnsProfile> Profile,
    Sourced<DnsCloud>? Cloud,
    Sourced<string>? SipTarget,
    Sourced<bool>? Lyncdiscover,
    Sourced<int> Ttl);
