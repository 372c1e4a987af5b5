using System.Globalization;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;

namespace SfbPolicyGen.Plan;

/// <summary>The kinds of item whose removal generate counts, each on its own.</summary>
public enum RemovedKind
{
    /// <summary>Records the tenant's DNS files published and now remove (docs/DNS.md, "The rule").</summary>
    DnsRecords,

    /// <summary>Entries of the TrustModelData values that the new values no longer hold.</summary>
    TrustedDomains,

    /// <summary>Clients whose value the GPO script takes out of the tenant's GPO.</summary>
    Clients,
}

/// <summary>How many items of one kind a tenant deployed before the run, and how many of them the run
/// removes; the thresholds it is held to are its policy's <c>safety</c>.</summary>
/// <param name="Existing">How many the tenant deployed before the run (the last run's facts).</param>
public sealed record Removal(TenantPolicy Tenant, RemovedKind Kind, int Removed, int Existing)
{
    public SafetyPolicy Safety => Tenant.Safety;

    /// <summary>"removes 12 of 20 DNS records (60 %), more than safety.maxRemovedPercent (30 %)".</summary>
    public string Text => $"removes {Removed} of {Existing} {Noun(Kind)} ({Percent(Removed, Existing, Safety.MaxRemovedPercent)} %), more than safety.maxRemovedPercent ({Safety.MaxRemovedPercent} %)";

    /// <summary>The share removed in percent, cut to a tenth (57.1), whole when it is whole (40); rounded
    /// up instead when cutting would show it no more than <paramref name="exceeded"/> (30.04 as 30.1): a
    /// message never says "30 %, more than 30 %".</summary>
    public static string Percent(int removed, int existing, int exceeded)
    {
        var tenths = removed * 1000L / existing;
        if (tenths <= exceeded * 10L && removed * 1000L % existing != 0)
        {
            tenths++;
        }

        return tenths % 10 == 0 ? (tenths / 10).ToString(CultureInfo.InvariantCulture) : (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>The kind as plan's JSON names it.</summary>
    public static string JsonName(RemovedKind kind) => kind switch
    {
        RemovedKind.DnsRecords => "dnsRecords",
        RemovedKind.TrustedDomains => "trustedDomains",
        RemovedKind.Clients => "clients",
    };

    private static string Noun(RemovedKind kind) => kind switch
    {
        RemovedKind.DnsRecords => "DNS records",
        RemovedKind.TrustedDomains => "trusted domains",
        RemovedKind.Clients => "clients",
    };
}

/// <summary>generate's safety thresholds (octoDNS's: a provider refuses to update or delete more than
/// 30 % of a zone of at least 10 records unless --force): a run that would remove more than
/// <c>safety.maxRemovedPercent</c> of a tenant's DNS records, trusted domains or clients, once the tenant
/// deployed at least <c>safety.minExisting</c> of that kind, is refused unless --force, before anything is
/// staged. What counts compares the tenant's previous facts (what its last run deployed,
/// <see cref="Planner.PreviousFacts"/>) with its new ones, kind by kind, as the artifacts carry it out:
/// <list type="bullet">
/// <item>DNS records: the records the last run wanted at a domain that the new DNS files remove, i.e. that
/// the new facts still own there without wanting them (<see cref="TenantFacts.DnsPublished"/>: a replaced
/// record counts as removed), but for names of dns.keep, which every DNS file leaves alone. A domain
/// dropped without being retired keeps its records published (nothing removes them): it counts for none.</item>
/// <item>trusted domains: each distinct entry (without case, as the appender compares them) of the last
/// values that no new value holds: the GPO, .reg and Registry.pol set the new value in its place.</item>
/// <item>clients: the last run's clients that are no longer listed: the GPO script removes their value,
/// from the GPO the last run set; none when gpo.name changed (the old GPO keeps them, plan says "left in
/// place").</item>
/// </list>
/// A tenant new to the folder removes nothing. A tenant --prune removes is not counted: its folder's
/// files go, but no artifact removes anything it deployed (plan says "left in place").</summary>
public static class RemovalThresholds
{
    /// <summary>Every kind, of every tenant of the run, whose removals exceed the tenant's thresholds:
    /// tenants in ordinal order, kinds in <see cref="RemovedKind"/> order.</summary>
    /// <param name="previous">The facts of the folder's last run, by tenant (<see cref="Planner.PreviousFacts"/>).</param>
    public static IReadOnlyList<Removal> Exceeded(GeneratedTree tree, IReadOnlyDictionary<string, TenantFacts> previous)
    {
        var exceeded = new List<Removal>();
        foreach (var (tenant, after) in tree.Policies.Zip(tree.Facts))
        {
            if (previous.TryGetValue(tenant.Name, out var before))
            {
                exceeded.AddRange(Count(tenant, before, after).Where(r => IsOver(r.Removed, r.Existing, tenant.Safety)));
            }
        }

        return exceeded;
    }

    /// <summary>Whether <paramref name="removed"/> of <paramref name="existing"/> is more than the
    /// thresholds allow; in whole numbers, so 3 of 10 is exactly 30 % and allowed.</summary>
    public static bool IsOver(int removed, int existing, SafetyPolicy safety) =>
        existing >= safety.MinExisting && removed * 100L > (long)safety.MaxRemovedPercent * existing;

    /// <summary>How many items of each kind the tenant deployed before, and how many of them the new
    /// artifacts remove.</summary>
    public static IEnumerable<Removal> Count(TenantPolicy tenant, TenantFacts before, TenantFacts after)
    {
        var kept = after.DnsKeep.Select(k => DnsNameScope.Parse(k, out _)).OfType<DnsNameScope>().ToList();
        var records = 0;
        var recordsRemoved = 0;
        foreach (var (domain, wanted) in before.Dns)
        {
            records += wanted.Length;
            if (after.DnsPublished.TryGetValue(domain, out var removedThere))
            {
                recordsRemoved += wanted.Count(r => removedThere.Any(o => o.Key == r.Key) && !kept.Exists(k => k.Covers(domain, r.Name)));
            }
        }

        var entries = before.TrustModelData.Values.SelectMany(v => v).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var entriesNow = after.TrustModelData.Values.SelectMany(v => v).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            new Removal(tenant, RemovedKind.DnsRecords, recordsRemoved, records),
            new Removal(tenant, RemovedKind.TrustedDomains, entries.Count(e => !entriesNow.Contains(e)), entries.Count),
            new Removal(tenant, RemovedKind.Clients, Planner.SameGpo(before, after) ? before.TrustModelData.Keys.Count(c => !after.TrustModelData.ContainsKey(c)) : 0, before.TrustModelData.Count),
        ];
    }

    /// <summary>Throws when any tenant of the run exceeds its thresholds (one SFB050 per kind, at its
    /// tenant.name); generate calls it under the output lock, with the facts of the manifest it writes
    /// over, before anything is staged, unless --force.</summary>
    /// <exception cref="GenerationFailedException">A tenant removes too much.</exception>
    public static void Enforce(GeneratedTree tree, IReadOnlyDictionary<string, TenantFacts> previous)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var removal in Exceeded(tree, previous))
        {
            Refuse(diagnostics, removal);
        }

        if (diagnostics.HasErrors)
        {
            throw new GenerationFailedException(diagnostics);
        }
    }

    /// <summary>SFB050: the refusal, with its numbers and the way on.</summary>
    private static void Refuse(DiagnosticBag diagnostics, Removal removal) =>
        diagnostics.Error(DiagnosticCodes.RemovesTooMuch, removal.Tenant.NameAt,
            $"tenant '{removal.Tenant.Name}': this run {removal.Text}: check the plan, then run generate with --force");
}
