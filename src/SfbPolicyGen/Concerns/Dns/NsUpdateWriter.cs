using System.Globalization;
using System.Text;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Concerns.Dns;

/// <summary>dns/nsupdate/&lt;domain&gt;/: the RFC 2136 update messages that bring each domain (and
/// retired domain) to the rule of <see cref="DnsNameRule"/>, one message per file, for <c>nsupdate</c> or
/// <c>knsupdate</c> (docs/DNS.md, "RFC 2136 messages"). For each name the profile publishes at, one file per case:
/// <code>
/// sip.add.nsupdate                            prereq nxdomain sip.contoso.com.              (holds nothing)
///                                             update add sip.contoso.com. 3600 CNAME sipdir.online.lync.com.
/// sip.from-sipdir.online.lync.com.nsupdate    prereq yxrrset sip.contoso.com. CNAME sipdir.online.lync.com.
///                                             update delete sip.contoso.com. CNAME sipdir.online.lync.com.
///                                             update add sip.contoso.com. 3600 CNAME sipdir.online.lync.com.   (its TTL)
/// sip.from-sipdir.online.lync.de.nsupdate     the same from a record the tool owns there: replaced in one message
/// remove.nsupdate                             update delete of what the tool owns at names it no longer wants
/// </code>
/// Why one message per file (issue 20): a server refuses a message whose prerequisite fails, and that is
/// the only way RFC 2136 has to say "not this case" (section 3.2). Which case a name is in cannot be
/// asked without such a refusal: "holds nothing" and "holds the wanted record" need opposite
/// prerequisites, and no prerequisite tells a record of the tool's from someone else's except by its
/// exact value (section 2.4.2). So every name's cases are exclusive messages, and each is refused in the
/// others; knsupdate stops at the first refused message of a file, nsupdate goes on. One message per file
/// makes both clients do the same: each file changes the zone in its one case, atomically (a replaced
/// record never disappears, a message cut off changes nothing), and is refused without a change
/// otherwise; the files touch one name each, so any order reaches the same zone. A converged zone changes
/// in no message (no serial increment: deleting and adding a record identical to one present is no
/// change, checked on knotd and BIND). Removals need no prerequisite: they name the exact data, so they
/// delete only the tool's records, and only where they are.
/// Determinism: names in ordinal order, the cases of a name in zone order of their record; every name
/// passed DomainName's validator, so no text here needs escaping.</summary>
internal static class NsUpdateWriter
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext context)
    {
        if (tenant.Dns.Records.IsEmpty)
        {
            yield break;
        }

        foreach (var (domain, retired, names) in DnsRules.For(tenant, context.History))
        {
            foreach (var rule in names.Where(r => !r.Kept && r.Wanted is not null))
            {
                var wanted = rule.Wanted!;
                yield return Message(tenant, rule, $"{rule.Name}.add", $"When {rule.Name} holds nothing{(wanted.Type == "SRV" ? " (no SRV, no CNAME)" : "")}: add {wanted.Type} {wanted.Data}",
                    wanted.Type == "CNAME"
                        ? [$"prereq nxdomain {rule.Owner}"]
                        : [$"prereq nxrrset {rule.Owner} SRV", $"prereq nxrrset {rule.Owner} CNAME"],
                    [Add(rule.Owner, wanted)]);
                foreach (var from in DnsRecordSet.InZoneOrder(rule.Owned.Append(wanted)))
                {
                    var what = from.Key == wanted.Key
                        ? $"When {rule.Name} holds {wanted.Type} {wanted.Data} alone: set its TTL to {Number(wanted.Ttl)} (no change when it has it)."
                        : $"When {rule.Name} holds {from.Type} {from.Data} alone (a record this tool owns there): replace it with {wanted.Data} in one step.";
                    yield return Message(tenant, rule, $"{rule.Name}.from-{from.Target}", what,
                        [$"prereq yxrrset {rule.Owner} {from.Type} {from.Data}"],
                        [Delete(rule.Owner, from), Add(rule.Owner, wanted)]);
                }
            }

            var removals = names.Where(r => !r.Kept && r.Wanted is null).SelectMany(r => r.Owned.Select(o => Delete(r.Owner, o))).ToList();
            if (removals.Count > 0)
            {
                var what = retired
                    ? "A retired domain: remove the records this tool owns at its names, where they are; anything else stays."
                    : "Remove the records this tool owns at names the profile no longer publishes at, where they are; anything else stays.";
                yield return Message(tenant, names[0], "remove", what, [], removals);
            }
        }
    }

    /// <summary>One file: what the folder is and how to send it, the case it applies in, then the message.</summary>
    private static Artifact Message(TenantPolicy tenant, DnsNameRule rule, string fileName, string what, IReadOnlyList<string> prerequisites, IReadOnlyList<string> updates)
    {
        var text = new StringBuilder(1024) // the comments alone are 500 characters
            .Append("; RFC 2136 update of ").Append(rule.Domain).Append(". for tenant ").Append(tenant.Name).Append(", generated by SfbPolicyGen from ").Append(tenant.SourceLabel).Append(".\n")
            .Append("; One message of dns/nsupdate/").Append(rule.Domain).Append("/: send every file there, in any order (nsupdate -k KEYFILE FILE, or knsupdate).\n")
            .Append("; Each changes the zone in its one case; in any other the server refuses it (NXRRSET, YXRRSET or\n")
            .Append("; YXDOMAIN) and nothing changes. Then 'sfbpolicygen verify-dns --server PRIMARY' says whether the zone is right.\n")
            .Append("; ").Append(what).Append('\n');
        text.Append(tenant.Dns.UpdateServer is { } server
            ? string.Create(CultureInfo.InvariantCulture, $"server {server.Host} {server.Port}\n")
            : "; server PRIMARY 53   (the zone's primary: set dns.updateServer, or give it here)\n");
        text.Append("zone ").Append(rule.Domain).Append(".\n");
        foreach (var line in prerequisites.Concat(updates))
        {
            text.Append(line).Append('\n');
        }

        text.Append("send\n");
        return new Artifact(tenant.Name, DnsKinds.NsUpdate, DnsKinds.NsUpdate.PathOf(tenant.Name, rule.Domain, fileName), text.ToString(), Domain: rule.Domain);
    }

    private static string Add(string owner, DnsRecord record) => $"update add {owner} {Number(record.Ttl)} {record.Type} {record.Data}";

    private static string Delete(string owner, DnsRecord record) => $"update delete {owner} {record.Type} {record.Data}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
