using System.Collections.Immutable;
using System.Globalization;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A record import cannot map to policies.yaml, and why: listed, never dropped silently.</summary>
public sealed record UnmappedRecord(FoundRecord Record, string Why);

/// <summary>A name import writes in <c>dns.keep</c>: what the source holds there is not the chosen
/// profile's record alone, so every DNS path must leave it as it is (docs/DNS.md, "The rule").</summary>
/// <param name="Records">What the source holds at the name (the records <see cref="DnsNameRule.Counts"/>
/// counts), in zone order.</param>
/// <param name="Why">Whose the records are, and what the profile would publish there.</param>
public sealed record KeptName(DnsNameScope Scope, ImmutableArray<FoundRecord> Records, string Why)
{
    public string Where => Origin.Few(Records.Select(r => r.At));

    /// <summary>The policy file's comment beside the entry: where, what, why.</summary>
    public string Comment => $"{Where}: {string.Join(", ", Records.Select(r => $"{r.Type} {r.Data}"))}, {Why}";

    /// <summary>The entry as a list of the policy file writes it, its comment as where it comes from.</summary>
    public Sourced<string> Entry => new(Scope.ToString(), new Origin(Records[0].At.At, Comment));
}

/// <summary>Which dns section the zones' records are (profile, cloud, sip target, lyncdiscover choice:
/// a <see cref="Reading"/>), and which of the tool's names <c>dns.keep</c> must hold so that deploying it
/// deletes, replaces and conflicts with nothing the zones hold (issue 20). Rules (README, "Import"):
/// <list type="bullet">
/// <item>At each of the tool's four names only the records <see cref="DnsNameRule.Counts"/> counts are
/// read (any type at <c>sip</c> and <c>lyncdiscover</c>, SRV and CNAME at the SRV names), class IN; every
/// other record is listed as not imported, with why (no DNS path of the tool changes it).</item>
/// <item>A reading is judged at each name by the one rule (<see cref="DnsNameRule.Decide"/>, owning
/// nothing, as a first deployment): a name holding the reading's record alone <em>explains</em> it; a
/// name holding anything else is <em>kept</em> (someone else's record where the profile wants one, or any
/// record where it wants none); a name holding nothing where the profile wants a record would get it
/// added. A reading <em>reads</em> a zone when it explains at least one record and adds nothing there.</item>
/// <item>A zone's best readings explain the most of its records. The dns section is a reading among every
/// zone's best (the zones that some reading reads; a zone without one keeps every name it holds, and gets
/// the chosen profile's records where it holds nothing); among them, the fewest kept names where the
/// profile wants a record, then, between readings that explain the same records, the profile's default
/// sip target (a sipTarget is written only when read). Still two readings: a conflict the caller reports
/// (<see cref="Match.Tie"/>); no reading in every zone's best: the zones that differ
/// (<see cref="Match.Mismatches"/>).</item>
/// </list>
/// TTLs are not compared here: the caller checks that the explained records agree.</summary>
internal static class DnsProfileMatcher
{
    /// <param name="Cloud">Null for troubleshooting, whose records do not depend on it.</param>
    /// <param name="SipTarget">Null for teams-only, which publishes no sip record.</param>
    /// <param name="Lyncdiscover">Null unless skype-online.</param>
    public sealed record Reading(DnsProfile Profile, DnsCloud? Cloud, string? SipTarget, bool? Lyncdiscover)
    {
        /// <summary>What a policy file that sets no dns key publishes: init's defaults.</summary>
        public static readonly Reading Default = new(DnsProfile.Troubleshooting, null, DnsCloudTargets.SeedSipTarget, null);

        /// <summary>The records the reading publishes in each domain (TTLs aside).</summary>
        public ImmutableArray<DnsRecord> Records => DnsRecordSet.For(Profile, Cloud ?? DnsCloud.Worldwide, DnsPolicy.DefaultTtl, SipTarget ?? "", Lyncdiscover ?? true);

        /// <summary>No sipTarget to write: the profile publishes no sip record, or points it at its default.</summary>
        public bool HasDefaultSipTarget => SipTarget is null || SipTarget == DnsCloudTargets.DefaultSipTarget(Profile, Cloud ?? DnsCloud.Worldwide);

        public override string ToString() =>
            $"{Profile.YamlName()}{(Cloud is { } c ? $", cloud {c.YamlName()}" : "")}{(SipTarget is { } s ? $", sip → {s}" : "")}{(Lyncdiscover is { } l ? $", lyncdiscover {(l ? "true" : "false")}" : "")}";
    }

    /// <summary>A record a zone holds at one of the tool's names, as read and as the rule sees it.</summary>
    public sealed record Held(FoundRecord Found, PresentRecord Present);

    /// <summary>One zone: the records it holds at each of the tool's names (<see cref="DnsRecordSet.OwnerNames"/>,
    /// each present, maybe empty), and the records import does not map.</summary>
    public sealed record ZoneHoldings(ZoneFound Zone, ImmutableSortedDictionary<string, ImmutableArray<Held>> AtNames, ImmutableArray<UnmappedRecord> Unmapped);

    /// <summary>One reading judged in one zone.</summary>
    /// <param name="Explained">The records it explains, in zone order.</param>
    /// <param name="Kept">The names it keeps, in ordinal order; Wanted when the reading wants a record there.</param>
    /// <param name="Added">What deploying it adds where the zone holds nothing.</param>
    public sealed record Fit(Reading Reading, ZoneHoldings Zone, ImmutableArray<FoundRecord> Explained, ImmutableArray<(string Name, bool Wanted)> Kept, ImmutableArray<DnsRecord> Added)
    {
        public bool Reads => Explained.Length > 0 && Added.IsEmpty;

        public int Conflicts => Kept.Count(k => k.Wanted);
    }

    /// <param name="Chosen">The dns section, or null when no reading reads any zone (init's defaults then apply).</param>
    /// <param name="Fits">Every zone under the chosen reading (or <see cref="Reading.Default"/>), in the zones' order.</param>
    /// <param name="Mismatches">A zone whose best readings share none with the zones before it, and the first zone's best.</param>
    /// <param name="Tie">Two readings that remain after every rule, each with the records it explains.</param>
    public sealed record Match(
        Reading? Chosen,
        ImmutableArray<Fit> Fits,
        ImmutableArray<(Fit Zone, Fit First)> Mismatches,
        (Reading Best, ImmutableArray<FoundRecord> BestExplained, Reading Rival, ImmutableArray<FoundRecord> RivalExplained)? Tie)
    {
        /// <summary>The names every DNS path must leave as they are, zone by zone, names in ordinal order.</summary>
        public IEnumerable<KeptName> KeptNames() => Fits.SelectMany(fit => fit.Kept.Select(kept =>
        {
            var held = fit.Zone.AtNames[kept.Name];
            return new KeptName(new DnsNameScope(kept.Name, fit.Zone.Zone.Domain), [.. held.Select(h => h.Found)], WhyKept(Chosen, fit.Reading, kept.Name, held));
        }));
    }

    public static Match Read(IReadOnlyList<ZoneFound> zones)
    {
        var holdings = zones.Select(Hold).ToList();
        var readings = Readings(holdings).ToList();
        var fits = holdings.Select(h => readings.Select(r => Apply(r, h)).ToList()).ToList();
        var best = fits.Select(BestOf).Where(b => b.Count > 0).ToList();
        if (best.Count == 0)
        {
            return new Match(null, [.. holdings.Select(h => Apply(Reading.Default, h))], [], null);
        }

        var running = best[0].Select(f => f.Reading).ToHashSet();
        var mismatches = new List<(Fit, Fit)>();
        foreach (var zone in best.Skip(1))
        {
            var shared = running.Intersect(zone.Select(f => f.Reading)).ToHashSet();
            if (shared.Count == 0)
            {
                mismatches.Add((Top(zone), Top(best[0])));
            }
            else
            {
                running = shared;
            }
        }

        // Every reading left explains the most records of each zone that matched: order by what they keep.
        var left = readings.Where(running.Contains)
            .Select(r => (Reading: r, Fits: fits.Select(z => z.Single(f => f.Reading == r)).ToList()))
            .Select(c => (c.Reading, Explained: c.Fits.SelectMany(f => f.Explained).ToImmutableArray(), Conflicts: c.Fits.Sum(f => f.Conflicts)))
            .ToList();
        var fewest = left.Min(c => c.Conflicts);
        var top = left.Where(c => c.Conflicts == fewest).ToList();
        var rival = top.FirstOrDefault(c => !c.Explained.ToHashSet().SetEquals(top[0].Explained));
        var chosen = rival.Reading is null ? (top.FirstOrDefault(c => c.Reading.HasDefaultSipTarget).Reading ?? top[0].Reading) : top[0].Reading;
        return new Match(
            chosen,
            [.. fits.Select(z => z.Single(f => f.Reading == chosen))],
            [.. mismatches],
            rival.Reading is null ? null : (top[0].Reading, top[0].Explained, rival.Reading, rival.Explained));
    }

    /// <summary>What a zone holds at each of the tool's names; every other record, and a record listed
    /// twice (a server holds it once), is not mapped.</summary>
    public static ZoneHoldings Hold(ZoneFound zone)
    {
        var apex = zone.Domain + ".";
        var unmapped = ImmutableArray.CreateBuilder<UnmappedRecord>();
        var held = DnsRecordSet.OwnerNames.ToDictionary(n => n, _ => new List<Held>(), StringComparer.Ordinal);
        foreach (var found in zone.Records)
        {
            if (Why(found, apex) is { } why)
            {
                unmapped.Add(new UnmappedRecord(found, why));
                continue;
            }

            var name = found.Owner[..^(apex.Length + 1)];
            var present = Present(found);
            if (held[name].Any(h => h.Present.Type == present.Type && string.Equals(h.Present.Data, present.Data, StringComparison.OrdinalIgnoreCase)))
            {
                unmapped.Add(new UnmappedRecord(found, "the same record again; a server holds it once"));
                continue;
            }

            held[name].Add(new Held(found, present));
        }

        return new ZoneHoldings(zone, held.ToImmutableSortedDictionary(h => h.Key, h => h.Value.ToImmutableArray(), StringComparer.Ordinal), unmapped.ToImmutable());
    }

    /// <summary>Why a record is not read, or null when it is one the rule counts at one of the tool's names.</summary>
    private static string? Why(FoundRecord found, string apex)
    {
        if (found.Owner != apex && !found.Owner.EndsWith("." + apex, StringComparison.Ordinal))
        {
            return $"outside the zone {apex}";
        }

        if (found.Owner == apex)
        {
            return found.Type is "SOA" or "NS" ? "the zone's own record, not a Skype for Business one" : "at the zone's apex, where no profile publishes a record";
        }

        var name = found.Owner[..^(apex.Length + 1)];
        return !DnsRecordSet.OwnerNames.Contains(name) ? "not one of the names the profiles publish: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp"
            : found.Class != "IN" ? $"class {found.Class}; the tool's DNS files read and change class IN only"
            : !DnsNameRule.Counts(name, found.Type) ? $"a {found.Type} record at {name}, where the profiles publish an SRV: it keeps no SRV out, and no DNS file changes it"
            : null;
    }

    /// <summary>The record as the rule compares it: SRV numbers as numbers, names as read (absolute).</summary>
    public static PresentRecord Present(FoundRecord found)
    {
        static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        var data = found.Type == "SRV" && found.Fields.Length == 4
            ? string.Create(CultureInfo.InvariantCulture, $"{Number(found.Fields[0])} {Number(found.Fields[1])} {Number(found.Fields[2])} {found.Fields[3]}")
            : found.Data;
        return new PresentRecord(found.Type, data, found.Ttl);
    }

    private static readonly bool[] LyncdiscoverChoices = [true, false];

    /// <summary>Every reading, in a fixed order (profiles, clouds, lyncdiscover true then false, sip targets
    /// in ordinal order): the sip targets are the documented ones the zones point sip at, and each
    /// profile's default.</summary>
    private static IEnumerable<Reading> Readings(IEnumerable<ZoneHoldings> zones)
    {
        var read = zones.SelectMany(z => z.AtNames["sip"])
            .Where(h => h.Present.Type == "CNAME")
            .Select(h => h.Present.Data.TrimEnd('.').ToLowerInvariant())
            .Where(DnsCloudTargets.DocumentedSipTargets.Contains)
            .ToList();
        IEnumerable<string> SipTargets(string byDefault) => read.Append(byDefault).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return Enum.GetValues<DnsProfile>().SelectMany(profile => profile switch
        {
            DnsProfile.Troubleshooting => SipTargets(DnsCloudTargets.SeedSipTarget).Select(sip => new Reading(profile, null, sip, null)),
            DnsProfile.TeamsOnly => Enum.GetValues<DnsCloud>().Select(cloud => new Reading(profile, cloud, null, null)),
            DnsProfile.SkypeOnline => Enum.GetValues<DnsCloud>().SelectMany(cloud => LyncdiscoverChoices.SelectMany(lyncdiscover =>
                SipTargets(DnsCloudTargets.For(cloud).SipDir).Select(sip => new Reading(profile, cloud, sip, lyncdiscover)))),
        });
    }

    /// <summary>The reading judged at each of the zone's names by the one rule, owning nothing: it explains,
    /// keeps or adds there (a deployment after import replaces and removes nothing: no name is a case of it).</summary>
    private static Fit Apply(Reading reading, ZoneHoldings zone)
    {
        var explained = ImmutableArray.CreateBuilder<FoundRecord>();
        var kept = ImmutableArray.CreateBuilder<(string, bool)>();
        var added = ImmutableArray.CreateBuilder<DnsRecord>();
        foreach (var (name, held) in zone.AtNames)
        {
            var wanted = reading.Records.FirstOrDefault(r => r.Name == name);
            var decision = new DnsNameRule(zone.Zone.Domain, name, wanted, [], Kept: false, Retired: false).Decide([.. held.Select(h => h.Present)]);
            switch (decision.Step)
            {
                case DnsStep.Add:
                    added.Add(wanted!);
                    break;
                case DnsStep.Right or DnsStep.SetTtl when wanted is not null:
                    explained.Add(held.Single(h => h.Present == decision.Found).Found);
                    break;
                case DnsStep.Right:
                    if (!held.IsEmpty)
                    {
                        kept.Add((name, false));
                    }

                    break;
                case DnsStep.Conflict:
                    kept.Add((name, true));
                    break;
                case DnsStep.SetTtl or DnsStep.Replace or DnsStep.Remove or DnsStep.Kept:
                    throw new InvalidOperationException($"import judged {name}.{zone.Zone.Domain} as {decision.Step}: it owns and keeps nothing while it reads");
            }
        }

        return new Fit(reading, zone, [.. explained.OrderBy(zone.Zone.Records.IndexOf)], kept.ToImmutable(), added.ToImmutable());
    }

    /// <summary>The readings that read a zone and explain the most of its records; none when no reading reads it.</summary>
    private static List<Fit> BestOf(List<Fit> fits)
    {
        var reading = fits.Where(f => f.Reads).ToList();
        return reading.Count == 0 ? [] : [.. reading.Where(f => f.Explained.Length == reading.Max(r => r.Explained.Length))];
    }

    /// <summary>The one of a zone's best readings a message names: fewest conflicts, then the default sip target.</summary>
    private static Fit Top(List<Fit> best) => best.OrderBy(f => f.Conflicts).ThenBy(f => f.Reading.HasDefaultSipTarget ? 0 : 1).First();

    /// <summary>Whose the records of a kept name are, and what the profile would publish there.</summary>
    private static string WhyKept(Reading? chosen, Reading applied, string name, ImmutableArray<Held> held)
    {
        var microsoft = held.Count(h => h.Present.Type is "CNAME" or "SRV" && DnsCloudTargets.MicrosoftTargets.Contains(h.Present.Data.Split(' ')[^1].TrimEnd('.'), StringComparer.OrdinalIgnoreCase));
        var whose = microsoft == held.Length ? "Microsoft's"
            : microsoft == 0 ? "not Microsoft's: an on-premises, hybrid or other server"
            : "Microsoft's and another server's";
        var wanted = applied.Records.FirstOrDefault(r => r.Name == name);
        return chosen is null ? $"{whose}; no profile is read from the zones"
            : wanted is null ? $"{whose}; the {chosen.Profile.YamlName()} profile publishes nothing here"
            : $"{whose}; the {chosen.Profile.YamlName()} profile wants {wanted.Type} {wanted.Data} alone here";
    }
}
