using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Import;

/// <summary>A record import cannot map to policies.yaml, and why: listed, never dropped silently.</summary>
public sealed record UnmappedRecord(FoundRecord Record, string Why);

/// <summary>Which DNS profile, cloud, sip target and lyncdiscover choice one zone's records are what
/// <see cref="DnsRecordSet.For"/> publishes. Rules:
/// <list type="bullet">
/// <item>Only the four names the profiles publish are read (<c>sip</c>, <c>lyncdiscover</c> CNAMEs,
/// <c>_sip._tls</c>, <c>_sipfederationtls._tcp</c> SRVs), class IN; every other record is listed.</item>
/// <item>A reading is a profile whose every record is in the zone (SRV priority, weight and port
/// included); the one that accounts for the most records wins (skype-online with lyncdiscover over
/// skype-online without it, over troubleshooting's single CNAME). Two readings that account for as
/// many records (a sip CNAME and a federation SRV without <c>_sip._tls</c>: troubleshooting or
/// teams-only) are a conflict the caller reports. Records the reading does not account for are listed.</item>
/// <item>A sip CNAME counts only when it points at a target Microsoft documents (the article's
/// <c>sipdir.online.microsoft.com</c> or a cloud's <c>sipdir</c>): a sip record pointing elsewhere (an
/// on-premises pool) matches no profile and is listed, so that generate never manages it.</item>
/// </list>
/// TTLs are not compared here: the caller checks they agree.</summary>
internal static class DnsProfileMatcher
{
    /// <param name="Cloud">Null for troubleshooting, whose records do not depend on it.</param>
    /// <param name="SipTarget">Null for teams-only, which publishes no sip record.</param>
    /// <param name="Lyncdiscover">Null unless skype-online.</param>
    public sealed record Reading(DnsProfile Profile, DnsCloud? Cloud, string? SipTarget, bool? Lyncdiscover, ImmutableArray<FoundRecord> Explained)
    {
        /// <summary>What two zones must agree on to share one policy's dns section.</summary>
        public (DnsProfile, DnsCloud?, string?, bool?) Key => (Profile, Cloud, SipTarget, Lyncdiscover);

        public override string ToString() =>
            $"{Profile.YamlName()}{(Cloud is { } c ? $", cloud {c.YamlName()}" : "")}{(SipTarget is { } s ? $", sip → {s}" : "")}{(Lyncdiscover is { } l ? $", lyncdiscover {(l ? "true" : "false")}" : "")}";
    }

    /// <param name="Best">The reading, or null when no record of the zone fits a profile.</param>
    /// <param name="Rival">A different reading that accounts for as many records (a conflict).</param>
    public sealed record ZoneReading(ZoneFound Zone, Reading? Best, Reading? Rival, ImmutableArray<UnmappedRecord> Unmapped);

    /// <summary>The name and type of every record a profile publishes: skype-online's set holds them all.</summary>
    private static readonly (string Name, string Type)[] Published =
        [.. DnsRecordSet.For(DnsProfile.SkypeOnline, DnsCloud.Worldwide, 0, "", lyncdiscover: true).Select(r => (r.Name, r.Type))];

    public static ZoneReading Read(ZoneFound zone)
    {
        var apex = zone.Domain + ".";
        var unmapped = ImmutableArray.CreateBuilder<UnmappedRecord>();
        var published = new List<(FoundRecord Found, DnsRecord Record)>();
        foreach (var found in zone.Records)
        {
            if (Why(found, apex) is { } why)
            {
                unmapped.Add(new UnmappedRecord(found, why));
            }
            else
            {
                published.Add((found, AsRecord(found, apex)));
            }
        }

        var readings = Candidates(published).ToList();
        var most = readings.Count == 0 ? 0 : readings.Max(r => r.Explained.Length);
        var best = readings.Where(r => r.Explained.Length == most).DistinctBy(r => r.Key).ToList();
        var chosen = best.FirstOrDefault();
        foreach (var (found, _) in published.Where(p => chosen is null || !chosen.Explained.Contains(p.Found)))
        {
            unmapped.Add(new UnmappedRecord(found, chosen is null
                ? "matches no profile: " + Expectation(found, apex)
                : $"does not fit the {chosen.Profile.YamlName()} profile the other records of {zone.Domain} match"));
        }

        return new ZoneReading(zone, chosen, best.Skip(1).FirstOrDefault(), [.. unmapped.OrderBy(u => u.Record.At.At.Line)]);
    }

    /// <summary>Why a record is not one the profiles publish, or null when it is one of their names and types.</summary>
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
        var published = Published.FirstOrDefault(p => p.Name == name);
        return published.Name is null ? "not one of the names the profiles publish: sip, lyncdiscover, _sip._tls, _sipfederationtls._tcp"
            : found.Class != "IN" ? $"class {found.Class}; the profiles publish class IN"
            : found.Type != published.Type ? $"a record of type {found.Type}; the profiles publish a {published.Type} at {name}"
            : null;
    }

    private static DnsRecord AsRecord(FoundRecord found, string apex)
    {
        var name = found.Owner[..^(apex.Length + 1)];
        var target = found.Fields[^1].TrimEnd('.');
        return found.Type == "SRV"
            ? new DnsRecord(name, "SRV", 0, target, int.Parse(found.Fields[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(found.Fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(found.Fields[2], System.Globalization.CultureInfo.InvariantCulture))
            : new DnsRecord(name, "CNAME", 0, target);
    }

    /// <summary>Every profile, cloud, lyncdiscover choice and documented sip target whose records are all in the zone.</summary>
    private static IEnumerable<Reading> Candidates(IReadOnlyList<(FoundRecord Found, DnsRecord Record)> published)
    {
        var sipTargets = published.Where(p => p.Record.Name == "sip" && DnsCloudTargets.DocumentedSipTargets.Contains(p.Record.Target)).Select(p => p.Record.Target).Distinct(StringComparer.Ordinal).ToList();
        foreach (var profile in Enum.GetValues<DnsProfile>())
        {
            foreach (var cloud in profile == DnsProfile.Troubleshooting ? [DnsCloud.Worldwide] : Enum.GetValues<DnsCloud>())
            {
                foreach (var lyncdiscover in profile == DnsProfile.SkypeOnline ? [true, false] : new[] { true })
                {
                    var defaultSip = DnsCloudTargets.DefaultSipTarget(profile, cloud);
                    foreach (var sip in sipTargets.Count > 0 ? sipTargets : [defaultSip])
                    {
                        var expected = DnsRecordSet.For(profile, cloud, 0, sip, lyncdiscover);
                        var explained = expected.Select(e => published.FirstOrDefault(p => p.Record == e).Found).ToList();
                        if (explained.All(f => f is not null))
                        {
                            yield return new Reading(
                                profile,
                                profile == DnsProfile.Troubleshooting ? null : cloud,
                                profile == DnsProfile.TeamsOnly ? null : sip,
                                profile == DnsProfile.SkypeOnline ? lyncdiscover : null,
                                [.. explained.OfType<FoundRecord>()]);
                        }
                    }
                }
            }
        }
    }

    private static string Expectation(FoundRecord found, string apex)
    {
        var name = found.Owner[..^(apex.Length + 1)];
        return name switch
        {
            "sip" => $"the profiles point sip at {string.Join(", ", DnsCloudTargets.DocumentedSipTargets)}",
            "lyncdiscover" => "lyncdiscover is published by skype-online only, with the other three records, pointing at a cloud's webdir",
            _ => $"no profile publishes {name} SRV {string.Join(' ', found.Fields)} without the others of its set",
        };
    }
}
