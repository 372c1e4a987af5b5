using System.Collections.Immutable;
using System.Globalization;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Plan;

/// <summary>The changes from one tenant's facts to another's, said as the deploy artifacts carry them out
/// (README, "plan": each line and what performs it). A line that adds, changes or removes is one some
/// artifact performs; what no artifact takes away is a line of <see cref="PlanAction.Keep"/> ("Left in
/// place") with the reason: a domain, entry or client dropped without being retired (nothing proves this
/// tool put it there: octoDNS's ownership rule), a TMG key (the TMG script sets keys and removes none), an
/// AD user (no artifact sets msRTCSIP-UserEnabled FALSE), a GPO the policy no longer names, a record at a
/// name of dns.keep.</summary>
public static partial class Planner
{
    /// <param name="after">Null for a tenant --prune removes: only its folder goes.</param>
    public static IEnumerable<PlanChange> FactChanges(TenantFacts before, TenantFacts? after)
    {
        var tenant = before.Tenant;
        if (after is null)
        {
            return [new PlanChange(tenant, PlanArea.Tenant, PlanAction.Keep)];
        }

        var kept = Scopes(after.DnsKeep);
        var droppedDomains = before.Dns.Keys.Except(after.Dns.Keys, StringComparer.Ordinal).Where(d => !before.Dns[d].IsEmpty);
        return
        [
            .. TrustChanges(before, after),
            .. GpoChanges(before, after),
            .. after.Dns.Keys.SelectMany(domain => ZoneChanges(tenant, domain, Records(before, domain), Records(after, domain), kept)),
            .. Scopes(after.DnsManage).ExceptBy(before.DnsManage, m => m.ToString(), StringComparer.Ordinal)
                .Select(m => new PlanChange(tenant, PlanArea.Dns, PlanAction.Add) { Domain = m.Domain, ManagedName = m.ToString() }),
            .. droppedDomains.Select(d => new PlanChange(tenant, PlanArea.Dns, PlanAction.Keep) { Domain = d }),
            .. after.Declared.Select(d => d.Kind).Union(before.Declared.Select(d => d.Kind))
                .SelectMany(kind => kind.ChangesOf(tenant, before.Declared.FirstOrDefault(d => d.Kind == kind)?.Value, after.Declared.FirstOrDefault(d => d.Kind == kind)?.Value)),
            .. after.TrustModelData.Keys.Except(before.TrustModelData.Keys, StringComparer.Ordinal).Select(c => new PlanChange(tenant, PlanArea.Admx, PlanAction.Add) { Client = c }),
            .. before.TrustModelData.Keys.Except(after.TrustModelData.Keys, StringComparer.Ordinal).Select(c => new PlanChange(tenant, PlanArea.Admx, PlanAction.Remove) { Client = c }),
            .. Retirements(before.RetiredDomains, after.RetiredDomains, after.Dns.Keys, (action, domain) => new PlanChange(tenant, PlanArea.Retired, action) { Domain = domain }),
            .. Retirements(before.RetiredClients, after.RetiredClients, after.TrustModelData.Keys, (action, client) => new PlanChange(tenant, PlanArea.Retired, action) { Client = client }),
        ];
    }

    /// <summary>The entries of each listed client's value, as the GPO, the .reg file and Registry.pol set it
    /// and the appender appends it; a client no longer listed loses its value in the tenant's GPO (the GPO
    /// script's Remove-GPRegistryValue), unless the GPO changed (then the old GPO keeps it:
    /// <see cref="GpoChanges"/>); computers keep what no artifact removes.</summary>
    private static IEnumerable<PlanChange> TrustChanges(TenantFacts before, TenantFacts after)
    {
        var tenant = before.Tenant;
        foreach (var (client, now) in after.TrustModelData)
        {
            var old = before.TrustModelData.GetValueOrDefault(client, []);
            PlanChange Change(PlanAction action, string entry) => new(tenant, PlanArea.TrustModelData, action) { Client = client, Entry = entry };

            // DNS names compare without case (RFC 4343), as the appender compares them.
            var changes = now.Except(old, StringComparer.OrdinalIgnoreCase).Select(d => Change(PlanAction.Add, d))
                .Concat(old.Except(now, StringComparer.OrdinalIgnoreCase).Select(d => Change(PlanAction.Remove, d)))
                .ToList();
            if (changes.Count == 0 && !old.SequenceEqual(now, StringComparer.OrdinalIgnoreCase))
            {
                changes.Add(Change(PlanAction.Change, string.Join(",", now)));
            }

            foreach (var change in changes)
            {
                yield return change;
            }
        }

        foreach (var client in before.TrustModelData.Keys.Except(after.TrustModelData.Keys, StringComparer.Ordinal))
        {
            if (SameGpo(before, after))
            {
                yield return new PlanChange(tenant, PlanArea.TrustModelData, PlanAction.Remove) { Client = client, Gpo = after.GpoName };
            }

            if (!after.RetiredClients.Contains(client))
            {
                yield return new PlanChange(tenant, PlanArea.TrustModelData, PlanAction.Keep) { Client = client };
            }
        }

        var droppedEntries = before.TrustModelData.Values.SelectMany(v => v).Distinct(StringComparer.OrdinalIgnoreCase)
            .Except(after.TrustModelData.Values.SelectMany(v => v).Concat(after.RetiredDomains), StringComparer.OrdinalIgnoreCase);
        foreach (var entry in droppedEntries)
        {
            yield return new PlanChange(tenant, PlanArea.TrustModelData, PlanAction.Keep) { Entry = entry };
        }
    }

    /// <summary>A GPO named otherwise is another GPO: the script finds GPO 'new' or creates it
    /// (Get-GPO -Name, else New-GPO) and never touches GPO 'old', which keeps its values and links. Names
    /// compare without case, as Get-GPO -Name finds a GPO (unverified on Windows: README, "Limits"). A
    /// previous name not known (facts of an older version) is taken as the same GPO.</summary>
    private static IEnumerable<PlanChange> GpoChanges(TenantFacts before, TenantFacts after)
    {
        if (SameGpo(before, after) && before.GpoName is not null)
        {
            yield break;
        }

        yield return new PlanChange(before.Tenant, PlanArea.Gpo, PlanAction.Add) { Gpo = after.GpoName };
        if (before.GpoName is { } old)
        {
            yield return new PlanChange(before.Tenant, PlanArea.Gpo, PlanAction.Keep) { Gpo = old, To = after.GpoName };
        }
    }

    /// <summary>Whether the GPO script of <paramref name="after"/> acts on the GPO of <paramref name="before"/>
    /// (the only one whose values it can remove).</summary>
    internal static bool SameGpo(TenantFacts before, TenantFacts after) =>
        before.GpoName is null || string.Equals(before.GpoName, after.GpoName, StringComparison.OrdinalIgnoreCase);

    /// <summary>A record the facts no longer want is removed by the DNS files (docs/DNS.md), unless its name
    /// is in dns.keep: every path leaves a kept name as it is.</summary>
    private static IEnumerable<PlanChange> ZoneChanges(string tenant, string domain, ImmutableArray<RecordFact> before, ImmutableArray<RecordFact> after, IReadOnlyList<DnsNameScope> kept)
    {
        var old = before.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var now = after.ToDictionary(r => r.Key, StringComparer.Ordinal);
        PlanChange Change(PlanAction action, RecordFact record) => new(tenant, PlanArea.Dns, action) { Domain = domain, Record = record };
        foreach (var key in now.Keys.Except(old.Keys))
        {
            yield return Change(PlanAction.Add, now[key]);
        }

        foreach (var key in old.Keys.Except(now.Keys))
        {
            yield return Change(kept.Any(k => k.Covers(domain, old[key].Name)) ? PlanAction.Keep : PlanAction.Remove, old[key]);
        }

        foreach (var key in old.Keys.Intersect(now.Keys).Where(k => old[k].Ttl != now[k].Ttl))
        {
            yield return Change(PlanAction.Change, now[key]) with
            {
                From = old[key].Ttl.ToString(CultureInfo.InvariantCulture),
                To = now[key].Ttl.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>dns.manage or dns.keep as the facts keep them (each was normalised when loaded).</summary>
    private static List<DnsNameScope> Scopes(ImmutableArray<string> names) => [.. names.Select(n => DnsNameScope.Parse(n, out _)).OfType<DnsNameScope>()];

    private static ImmutableArray<RecordFact> Records(TenantFacts facts, string domain) => facts.Dns.GetValueOrDefault(domain, []);

    /// <summary>A domain or client newly retired; and one no longer retired: the artifacts stop taking it
    /// away and put nothing back, so that is left in place, unless the policy lists it again (then its
    /// own lines say what comes back).</summary>
    private static IEnumerable<PlanChange> Retirements(ImmutableArray<string> before, ImmutableArray<string> after, IEnumerable<string> listed, Func<PlanAction, string, PlanChange> change) =>
        after.Except(before, StringComparer.Ordinal).Select(x => change(PlanAction.Add, x))
            .Concat(before.Except(after.Concat(listed), StringComparer.Ordinal).Select(x => change(PlanAction.Keep, x)));
}
