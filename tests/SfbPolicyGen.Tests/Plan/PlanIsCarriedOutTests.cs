using System.Text.Json;
using SfbPolicyGen.Cli;
using SfbPolicyGen.Model;
using SfbPolicyGen.Tests.Consumers;
using SfbPolicyGen.Tests.Support;

namespace SfbPolicyGen.Tests.Plan;

/// <summary>Plans tell the whole truth (issue 20, point 6). An old policy and a new one are deployed in
/// turn, for real: the GPO, appender, AD, TMG and DNS Server scripts against the Windows stand-ins, the
/// .reg file imported on a second computer, and the RFC 2136 messages sent to knotd with knsupdate. What
/// the new artifacts change is read from the state before and after them, as effects
/// (<c>GPO 'x' communicator: + contoso.com</c>, <c>AD CN=...: FALSE → TRUE</c>, <c>knotd sip.contoso.com. CNAME ...: -</c>),
/// and each line of the plan of old → new (plan --format json) is read for the effects its words promise
/// in the state before. Both ways: the effects promised are exactly the effects observed, every line
/// promises one at least, and every line left in place names state that did not change.</summary>
[Trait(ConsumerSuite.Category, ConsumerSuite.Consumer)]
public sealed class PlanIsCarriedOutTests : IDisposable
{
    /// <param name="Own">The new policy's own TrustModelData entries (domains, add, retired domains): what
    /// the appender takes out of a retired client's value.</param>
    /// <param name="Kinds">The kinds of line (area, action, and "of" for a line left in place) the plan must
    /// hold, so that a plan that says less cannot pass by saying nothing.</param>
    public sealed record Scenario(string Old, string New, string Gpo, string[] Zones, string[] Own, string[] Kinds);

    private const string DefaultGpo = "Skype for Business sign-in (contoso)";

    /// <summary>Users by UPN, sAMAccountName and DN and the search base change; the GPO renamed; lync2013
    /// dropped and skype2016 retired; contoso.fr retired and contoso.de dropped; TMG given up for another
    /// gateway; skype-online to teams-only.</summary>
    private static readonly Scenario Renamed = new(
        """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.fr, contoso.de]
        trustModelData:
          clients: [communicator, lync2013, skype2016]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example]
        proxy: {kind: tmg, applications: [{name: msoidsvc}, {name: lync, disable: 1}]}
        dns: {profile: skype-online, lyncdiscover: true}
        activeDirectory:
          users: [alice@contoso.com, bob, "CN=Carol,OU=Staff,DC=contoso,DC=com"]
          searchBase: "OU=Sales,DC=contoso,DC=com"
        """,
        """
        tenant: {name: contoso}
        domains: [contoso.com]
        trustModelData:
          clients: [communicator]
          existing: [legacy.contoso.net]
          add: [sip.partner-a.example, sip.partner-c.example]
        proxy: {kind: other}
        dns: {profile: teams-only}
        gpo:
          name: "Skype for Business sign-in (contoso, 2026)"
        activeDirectory:
          users: [dave@contoso.com, erin, "CN=Frank,OU=Staff,DC=contoso,DC=com", bob]
          searchBase: "OU=Support,DC=contoso,DC=com"
        retired:
          domains: [contoso.fr]
          clients: [skype2016]
        """,
        "Skype for Business sign-in (contoso, 2026)",
        ["contoso.com", "contoso.de", "contoso.fr"],
        ["contoso.com", "sip.partner-a.example", "sip.partner-c.example", "contoso.fr"],
        [
            "trustModelData add", "trustModelData remove", "trustModelData keep", "gpo add", "gpo keep", "dns remove", "dns keep",
            "tmg keep", "activeDirectory add", "activeDirectory keep", "retired add",
        ]);

    /// <summary>The same GPO: lync2013 dropped and skype2016 retired lose their value there; an existing
    /// entry dropped and a partner added; a TMG value changed, an application dropped and one added; a TTL
    /// change, a kept name and a managed one; the filter changed under the same base; a retired domain
    /// no longer retired.</summary>
    private static readonly Scenario SameGpo = new(
        """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.de]
        trustModelData:
          clients: [communicator, lync2013, skype2016]
          existing: [legacy.contoso.net]
        proxy: {kind: tmg, applications: [{name: msoidsvc}, {name: lync, disable: 1}]}
        dns: {profile: troubleshooting}
        activeDirectory:
          users: [alice@contoso.com]
          searchBase: "OU=Sales,DC=contoso,DC=com"
        retired:
          domains: [old.contoso.net]
        """,
        """
        tenant: {name: contoso}
        domains: [contoso.com, contoso.de]
        trustModelData:
          clients: [communicator]
          add: [sip.partner-b.example]
        proxy: {kind: tmg, applications: [{name: msoidsvc, disableEx: 1}, {name: ocs}]}
        dns: {profile: troubleshooting, ttl: 600, keep: [sip.contoso.de], manage: [lyncdiscover]}
        activeDirectory:
          users: [alice@contoso.com]
          searchBase: "OU=Sales,DC=contoso,DC=com"
          filter: "(&(objectCategory=person)(objectClass=user)(department=Sales))"
        retired:
          clients: [skype2016]
        """,
        DefaultGpo,
        ["contoso.com", "contoso.de"],
        ["contoso.com", "contoso.de", "sip.partner-b.example"],
        [
            "trustModelData add", "trustModelData remove", "trustModelData keep", "dns change", "dns add", "dns keep",
            "tmg change", "tmg add", "tmg keep", "activeDirectory add", "activeDirectory keep", "retired add", "retired keep",
        ]);

    public static TheoryData<string> Scenarios => new() { nameof(Renamed), nameof(SameGpo) };

    /// <summary>The directory both scenarios start from: the users they list by UPN, sAMAccountName or DN,
    /// and users under the two search bases, some selected by the filters and some not.</summary>
    private static readonly (string Dn, string Sam, string Department, bool? SipEnabled)[] People =
    [
        ("CN=Alice,OU=Staff,DC=contoso,DC=com", "alice", "Staff", false),
        ("CN=Bob,OU=Staff,DC=contoso,DC=com", "bob", "Staff", false),
        ("CN=Carol,OU=Staff,DC=contoso,DC=com", "carol", "Staff", false),
        ("CN=Dave,OU=Staff,DC=contoso,DC=com", "dave", "Staff", false),
        ("CN=Erin,OU=Staff,DC=contoso,DC=com", "erin", "Staff", null),
        ("CN=Frank,OU=Staff,DC=contoso,DC=com", "frank", "Staff", false),
        ("CN=Gina,OU=Sales,DC=contoso,DC=com", "gina", "Sales", false),
        ("CN=Hank,OU=Sales,DC=contoso,DC=com", "hank", "Sales", null),
        ("CN=Ivan,OU=Support,DC=contoso,DC=com", "ivan", "Support", false),
        ("CN=Judy,OU=Support,DC=contoso,DC=com", "judy", "Support", null),
    ];

    private const string WindowsDns = "DNS Server";
    private const string Knotd = "knotd";

    private readonly TempFolder _temp = ConsumerSuite.NewTempFolder();

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public void The_plan_is_exactly_what_the_artifacts_do(string name)
    {
        var scenario = name == nameof(Renamed) ? Renamed : SameGpo;
        var plan = Plan(scenario);
        using var world = new World(scenario, _temp);
        world.Deploy(InMemoryPolicy.Tree(scenario.Old));
        var before = world.Snapshot();
        world.Deploy(InMemoryPolicy.Tree(scenario.New, scenario.Old));
        var after = world.Snapshot();

        var observed = Effects(before, after).Order(StringComparer.Ordinal).ToList();
        var now = InMemoryPolicy.Tree(scenario.New, scenario.Old).Facts.Single();
        var promised = new List<string>();
        foreach (var line in plan.Where(l => Field(l, "area") is not ("files" or "admx")))
        {
            var text = Field(line, "text")!;
            if (Field(line, "action") == "keep")
            {
                var unchanged = Unchanged(line, before).ToList();
                Assert.True(unchanged.Count > 0 || Field(line, "of") == "retired", $"'{text}' names no deployed state");
                Assert.All(unchanged, state => Assert.True(after.State.Contains(state), $"'{text}', but this changed: {state}"));

                // What a retirement no longer takes away is not taken, nor put back.
                var subject = Field(line, "domain") ?? Field(line, "client");
                Assert.True(Field(line, "of") != "retired" || !observed.Any(e => e.Contains(subject!, StringComparison.OrdinalIgnoreCase)), text);
                continue;
            }

            var effects = Promised(line, scenario, before, now).ToList();
            Assert.True(effects.Count > 0, $"'{text}' promises nothing this deployment does");
            promised.AddRange(effects);
        }

        var unsaid = observed.Except(promised).ToList();
        var undone = promised.Distinct().Except(observed).ToList();
        Assert.True(unsaid.Count + undone.Count == 0, $"done, and no plan line says so:\n  {string.Join("\n  ", unsaid)}\nsaid, and not done:\n  {string.Join("\n  ", undone)}");
        Assert.Empty(scenario.Kinds.Except(plan.Select(l => Field(l, "of") is { } of ? $"{of} keep" : $"{Field(l, "area")} {Field(l, "action")}")));
    }

    /// <summary>The plan of old → new, as generate and plan run on disk.</summary>
    private List<JsonElement> Plan(Scenario scenario)
    {
        var policy = _temp.File("policies.yaml");
        var output = _temp.File("out");
        File.WriteAllText(policy, scenario.Old);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("generate", policy, "--out", output).Code);
        File.WriteAllText(policy, scenario.New);
        var run = CliRunner.Run("plan", policy, "--out", output, "--format", "json");
        Assert.Equal(ExitCodes.Differences, run.Code);
        return [.. JsonDocument.Parse(run.Stdout).RootElement.GetProperty("changes").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>What a line says the new artifacts do, in the state they meet.</summary>
    private static IEnumerable<string> Promised(JsonElement line, Scenario scenario, Snapshot before, TenantFacts now)
    {
        var (client, entry) = (Field(line, "client"), Field(line, "entry"));
        var gpo = before.Gpos.GetValueOrDefault(scenario.Gpo);
        switch (Field(line, "area"), Field(line, "action"))
        {
            // The value the policy sets: on a computer that imports the .reg file, in the GPO the script
            // updates (a GPO it creates is the GPO line's), and appended by the appender where it lacks it.
            case ("trustModelData", "add"):
                yield return $".reg {client}: + {entry}";
                if (!Holds(before.Appender, client!, entry!))
                {
                    yield return $"appender {client}: + {entry}";
                }

                if (gpo is not null && !Holds(gpo, client!, entry!))
                {
                    yield return $"GPO '{scenario.Gpo}' {client}: + {entry}";
                }

                break;
            case ("trustModelData", "remove") when entry is null:
                yield return $"GPO '{Field(line, "gpo")}' {client}: value removed";
                break;
            case ("trustModelData", "remove"):
                yield return $".reg {client}: - {entry}";
                if (gpo is not null)
                {
                    yield return $"GPO '{scenario.Gpo}' {client}: - {entry}";
                }

                break;
            case ("trustModelData", "change"):
                yield return $".reg {client}: ~ order";
                if (gpo is not null)
                {
                    yield return $"GPO '{scenario.Gpo}' {client}: ~ order";
                }

                break;
            case ("gpo", "add"):
                var name = Field(line, "gpo")!;
                if (!before.Gpos.ContainsKey(name))
                {
                    yield return $"GPO '{name}' created";
                }

                foreach (var (id, value) in now.TrustModelData)
                {
                    foreach (var added in value.Where(e => !Holds(before.Gpos.GetValueOrDefault(name) ?? [], id, e)))
                    {
                        yield return $"GPO '{name}' {id}: + {added}";
                    }
                }

                break;

            // The appender takes a retired domain out of every value; the DNS files take Microsoft's records
            // at the tool's names away.
            case ("retired", "add") when Field(line, "domain") is { } domain:
                foreach (var (id, value) in before.Appender.Where(v => v.Value.Contains(domain, StringComparer.OrdinalIgnoreCase)))
                {
                    yield return $"appender {id}: - {domain}";
                }

                foreach (var record in before.Dns.Where(r => Microsoft(r, domain)))
                {
                    yield return $"{record.Server} {record.Key}: -";
                }

                break;

            // The .reg file deletes the value; the appender takes out the tenant's own entries, and the value
            // when only Microsoft's defaults are left.
            case ("retired", "add"):
                if (before.Imported.ContainsKey(client!))
                {
                    yield return $".reg {client}: value removed";
                }

                if (before.Appender.TryGetValue(client!, out var held))
                {
                    var left = held.Except(scenario.Own, StringComparer.OrdinalIgnoreCase).ToList();
                    var effects = left.All(e => FormatFacts.MicrosoftDefaults.Contains(e, StringComparer.OrdinalIgnoreCase))
                        ? [$"appender {client}: value removed"]
                        : held.Intersect(scenario.Own, StringComparer.OrdinalIgnoreCase).Select(e => $"appender {client}: - {e}");
                    foreach (var effect in effects)
                    {
                        yield return effect;
                    }
                }

                break;
            case ("dns", var action) when line.TryGetProperty("record", out var record):
                var key = $"{Field(record, "name")}.{Field(line, "domain")}. {Field(record, "type")} {Field(record, "data")}";
                foreach (var server in new[] { WindowsDns, Knotd })
                {
                    yield return action switch
                    {
                        "add" => $"{server} {key}: +",
                        "remove" => $"{server} {key}: -",
                        _ => $"{server} {key}: TTL {Field(line, "from")} → {Field(line, "to")}",
                    };
                }

                break;

            // dns.manage: Microsoft's records at that name that the profile does not want are the tool's.
            case ("dns", "add") when Field(line, "manage") is { } managed:
                var scope = Field(line, "domain");
                var at = scope is null ? managed : managed[..^(scope.Length + 1)];
                foreach (var domain in scope is null ? now.Dns.Keys : [scope])
                {
                    var wanted = now.Dns[domain].Where(r => r.Name == at).Select(r => r.Key).ToList();
                    foreach (var record in before.Dns.Where(r => Microsoft(r, domain) && r.Key.StartsWith($"{at}.{domain}. ", StringComparison.Ordinal) && !wanted.Contains(r.Relative(domain))))
                    {
                        yield return $"{record.Server} {record.Key}: -";
                    }
                }

                break;
            case ("tmg", "add"):
                yield return $"TMG [{Field(line, "application")}] {Field(line, "key")}: + {Field(line, "to")}";
                break;
            case ("tmg", "change"):
                yield return $"TMG [{Field(line, "application")}] {Field(line, "key")}: {Field(line, "from")} → {Field(line, "to")}";
                break;

            // The AD script sets msRTCSIP-UserEnabled TRUE where it is not, for each listed user and each user
            // the search selects.
            case ("activeDirectory", "add"):
                var selected = Field(line, "searchBase") is { } searchBase
                    ? People.Where(p => Under(p.Dn, searchBase) && LdapFilter.Matches(Field(line, "filter")!, Attribute(p, before)))
                    : People.Where(p => Field(line, "user") is var user && Field(line, "userKind") switch
                    {
                        "userPrincipalName" => string.Equals(Upn(p), user, StringComparison.OrdinalIgnoreCase),
                        "samAccountName" => string.Equals(p.Sam, user, StringComparison.OrdinalIgnoreCase),
                        _ => string.Equals(p.Dn, user, StringComparison.OrdinalIgnoreCase),
                    });
                foreach (var person in selected.Where(p => before.Users[p.Dn] != "TRUE"))
                {
                    yield return $"AD {person.Dn}: {before.Users[person.Dn]} → TRUE";
                }

                break;
            case var (area, action):
                Assert.Fail($"a plan line this test cannot read: {area} {action}: {Field(line, "text")}");
                break;
        }
    }

    /// <summary>The state a line left in place names, as it was before the new artifacts ran.</summary>
    private static IEnumerable<string> Unchanged(JsonElement line, Snapshot before)
    {
        bool Was(string state) => before.State.Contains(state);
        return (Field(line, "of"), line) switch
        {
            ("trustModelData", _) when Field(line, "entry") is { } entry => before.Appender.Where(v => v.Value.Contains(entry, StringComparer.OrdinalIgnoreCase)).Select(v => $"appender {v.Key} holds {entry.ToLowerInvariant()}"),
            ("trustModelData", _) => [$"appender {Field(line, "client")} has a value", $".reg {Field(line, "client")} has a value"],
            ("gpo", _) => before.State.Where(s => s.StartsWith($"GPO '{Field(line, "gpo")}' ", StringComparison.Ordinal)),
            ("dns", _) when line.TryGetProperty("record", out var record) => before.State.Where(s => s.StartsWith("DNS ", StringComparison.Ordinal)
                && s.Contains($" {Field(record, "name")}.{Field(line, "domain")}. {Field(record, "type")} {Field(record, "data")} TTL ", StringComparison.Ordinal)),
            ("dns", _) => before.State.Where(s => s.Contains($".{Field(line, "domain")}. ", StringComparison.Ordinal) && s.StartsWith("DNS ", StringComparison.Ordinal)),
            ("tmg", _) => [$"TMG [{Field(line, "application")}] {Field(line, "key")} = {Field(line, "from")}"],
            ("activeDirectory", _) when Field(line, "searchBase") is { } searchBase => People.Where(p => Under(p.Dn, searchBase) && Was($"AD {p.Dn}: TRUE")).Select(p => $"AD {p.Dn}: TRUE"),
            ("activeDirectory", _) => People.Where(p => Field(line, "user") is var user && (Upn(p) == user || p.Sam == user || p.Dn == user)).Select(p => $"AD {p.Dn}: TRUE"),
            ("retired", _) => before.State.Where(s => s.Contains(Field(line, "domain") ?? Field(line, "client")!, StringComparison.OrdinalIgnoreCase)),
            var (of, _) => throw new Xunit.Sdk.XunitException($"a line left in place this test cannot read: {of}: {Field(line, "text")}"),
        };
    }

    /// <summary>Each change from one snapshot to the next, one line each, in the words of <see cref="Promised"/>.</summary>
    private static IEnumerable<string> Effects(Snapshot before, Snapshot after)
    {
        foreach (var gpo in after.Gpos.Keys.Except(before.Gpos.Keys))
        {
            yield return $"GPO '{gpo}' created";
        }

        var values = after.Gpos.Select(g => ($"GPO '{g.Key}'", before.Gpos.GetValueOrDefault(g.Key) ?? [], g.Value))
            .Append(("appender", before.Appender, after.Appender))
            .Append((".reg", before.Imported, after.Imported));
        foreach (var (where, old, now) in values)
        {
            foreach (var client in old.Keys.Union(now.Keys))
            {
                var (was, @is) = (old.GetValueOrDefault(client), now.GetValueOrDefault(client));
                if (@is is null)
                {
                    if (was is not null)
                    {
                        yield return $"{where} {client}: value removed";
                    }

                    continue;
                }

                was ??= [];
                var changes = @is.Except(was, StringComparer.OrdinalIgnoreCase).Select(e => $"{where} {client}: + {e}")
                    .Concat(was.Except(@is, StringComparer.OrdinalIgnoreCase).Select(e => $"{where} {client}: - {e}"))
                    .ToList();
                if (changes.Count == 0 && !was.SequenceEqual(@is, StringComparer.OrdinalIgnoreCase))
                {
                    changes.Add($"{where} {client}: ~ order");
                }

                foreach (var change in changes)
                {
                    yield return change;
                }
            }
        }

        foreach (var (dn, was) in before.Users.Where(u => after.Users[u.Key] != u.Value))
        {
            yield return $"AD {dn}: {was} → {after.Users[dn]}";
        }

        foreach (var key in before.Tmg.Keys.Union(after.Tmg.Keys))
        {
            var (was, @is) = (before.Tmg.GetValueOrDefault(key), after.Tmg.GetValueOrDefault(key));
            if (was != @is)
            {
                yield return was is null ? $"TMG {key}: + {@is}" : @is is null ? $"TMG {key}: - {was}" : $"TMG {key}: {was} → {@is}";
            }
        }

        var records = before.Dns.Select(r => (r, Before: true)).Concat(after.Dns.Select(r => (r, Before: false)))
            .GroupBy(r => $"{r.r.Server} {r.r.Key}", StringComparer.Ordinal);
        foreach (var record in records)
        {
            var was = record.Where(r => r.Before).Select(r => r.r.Ttl).ToList();
            var @is = record.Where(r => !r.Before).Select(r => r.r.Ttl).ToList();
            if (was.Count == 0 || @is.Count == 0)
            {
                yield return $"{record.Key}: {(was.Count == 0 ? "+" : "-")}";
            }
            else if (!was.SequenceEqual(@is))
            {
                yield return $"{record.Key}: TTL {was.Single()} → {@is.Single()}";
            }
        }
    }

    private static bool Holds(Dictionary<string, string[]> values, string client, string entry) =>
        values.GetValueOrDefault(client)?.Contains(entry, StringComparer.OrdinalIgnoreCase) ?? false;

    /// <summary>A record of Microsoft's at one of the tool's names of <paramref name="domain"/>.</summary>
    private static bool Microsoft(DnsLine record, string domain) =>
        FormatFacts.SkypeRecordNames.Any(n => record.Key.StartsWith($"{n}.{domain}. ", StringComparison.Ordinal)) && FormatFacts.MicrosoftRecords.Contains(record.Relative(domain));

    private static bool Under(string dn, string searchBase) => dn.EndsWith("," + searchBase, StringComparison.OrdinalIgnoreCase);

    private static string Upn((string Dn, string Sam, string Department, bool? SipEnabled) person) => $"{person.Sam}@contoso.com";

    /// <summary>A person's attributes as the directory held them before the new artifacts ran.</summary>
    private static Func<string, string?> Attribute((string Dn, string Sam, string Department, bool? SipEnabled) person, Snapshot before) => attribute => attribute switch
    {
        FormatFacts.SipEnabledAttribute => before.Users[person.Dn] is "(not set)" ? null : before.Users[person.Dn],
        "objectClass" => "user",
        "objectCategory" => "person",
        "department" => person.Department,
        _ => null,
    };

    private static string? Field(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>A record a server holds: "owner TYPE data" (owner absolute, lowercase) and its TTL.</summary>
    private sealed record DnsLine(string Server, string Key, string Ttl)
    {
        public static DnsLine Parse(string server, string line)
        {
            var fields = line.ToLowerInvariant().Split(' ', 5);
            return new DnsLine(server, $"{fields[0]} {fields[3].ToUpperInvariant()} {fields[4]}", fields[1]);
        }

        /// <summary>"name TYPE data" relative to <paramref name="domain"/>, as FormatFacts.MicrosoftRecords writes it.</summary>
        public string Relative(string domain) => Key.Replace($".{domain}. ", " ", StringComparison.Ordinal);
    }

    /// <param name="Gpos">GPO display name → client id → its TrustModelData entries.</param>
    /// <param name="Appender">Client id → entries, on the computer that ran the appender.</param>
    /// <param name="Imported">Client id → entries, on the computer that imported the .reg file.</param>
    /// <param name="Users">DN → msRTCSIP-UserEnabled.</param>
    /// <param name="Tmg">"[application] key" → value.</param>
    private sealed record Snapshot(
        Dictionary<string, Dictionary<string, string[]>> Gpos,
        Dictionary<string, string[]> Appender,
        Dictionary<string, string[]> Imported,
        Dictionary<string, string> Users,
        Dictionary<string, string> Tmg,
        List<DnsLine> Dns)
    {
        /// <summary>Everything deployed, one line each, as a line left in place names it.</summary>
        public HashSet<string> State { get; } =
        [
            .. Gpos.SelectMany(g => g.Value.Select(v => $"GPO '{g.Key}' {v.Key} = {string.Join(',', v.Value)}").Append($"GPO '{g.Key}' exists")),
            .. Appender.SelectMany(v => v.Value.Select(e => $"appender {v.Key} holds {e.ToLowerInvariant()}").Append($"appender {v.Key} has a value")),
            .. Imported.SelectMany(v => v.Value.Select(e => $".reg {v.Key} holds {e.ToLowerInvariant()}").Append($".reg {v.Key} has a value")),
            .. Users.Select(u => $"AD {u.Key}: {u.Value}"),
            .. Tmg.Select(t => $"TMG {t.Key} = {t.Value}"),
            .. Dns.Select(r => $"DNS {r.Server} {r.Key} TTL {r.Ttl}"),
        ];
    }

    /// <summary>The domain's Windows (GPOs, the AD, the TMG array, a Windows DNS server and the computer
    /// that runs the appender), a second computer that imports the .reg file, and knotd holding the
    /// zones: each zone starts with an MX record of its own, and contoso.com with a lyncdiscover CNAME
    /// to Microsoft that someone set by hand, following Microsoft's guide.</summary>
    private sealed class World : IDisposable
    {
        private const string HandMade = "lyncdiscover 3600 IN CNAME webdir.online.lync.com.";

        private readonly WindowsState _windows = new();
        private readonly RegistryStandIn _imported = new();
        private readonly IAuthoritativeServer _knotd;
        private readonly TempFolder _temp;
        private readonly string[] _zones;

        public World(Scenario scenario, TempFolder temp)
        {
            _temp = temp;
            _zones = scenario.Zones;
            _knotd = DnsUpdates.Start("knotd", temp, _zones.ToDictionary(z => z, z => Zone(z).ToArray(), StringComparer.Ordinal));
            foreach (var zone in _zones)
            {
                _windows.Dns.Zone(zone, DnsServerRecord.Mx("@", 10, $"mail.{zone}."));
                if (zone == "contoso.com")
                {
                    _windows.Dns.Zone(zone, DnsServerRecord.CName("lyncdiscover", "webdir.online.lync.com."));
                }
            }

            foreach (var (dn, sam, department, enabled) in People)
            {
                _windows.Directory.User(dn, sam, $"{sam}@contoso.com", enabled).Users[^1].Attributes["department"] = department;
            }
        }

        private static IEnumerable<string> Zone(string zone) => zone == "contoso.com" ? [$"@ 3600 IN MX 10 mail.{zone}.", HandMade] : [$"@ 3600 IN MX 10 mail.{zone}."];

        /// <summary>Every deploy artifact of the tree that acts on these stand-ins, as an operator runs them.</summary>
        public void Deploy(SfbPolicyGen.Output.GeneratedTree tree)
        {
            var files = tree.Files.ToDictionary(f => f.Path, f => f.Bytes, StringComparer.Ordinal);
            foreach (var script in new[] { "gpo/Set-TrustModelDataGpo.ps1", "registry/Add-TrustModelData.ps1", "ad/Enable-SipUsers.ps1", "tmg/Set-TmgClientRules.ps1", "dns/Add-DnsServerRecords.ps1" })
            {
                if (files.TryGetValue("contoso/" + script, out var bytes))
                {
                    WindowsStandIns.Run(bytes, _windows, script.StartsWith("dns/", StringComparison.Ordinal) ? DnsServerScriptRunTests.OnServer : null);
                }
            }

            _imported.Import(files["contoso/registry/TrustModelData.reg"]);
            var client = DnsUpdates.Client("knsupdate");
            foreach (var (domain, messages) in DnsUpdates.Messages(tree, _temp).Where(m => _zones.Contains(m.Key)))
            {
                DnsUpdates.SendAll(client, _knotd, messages);
            }
        }

        public Snapshot Snapshot()
        {
            static Dictionary<string, string[]> Values(Func<string, string?> value) => FormatFacts.ClientIds
                .Select(id => (Id: id, Value: value(FormatFacts.PolicyKey(id))))
                .Where(v => v.Value is not null)
                .ToDictionary(v => v.Id, v => v.Value!.TrimEnd('\0').Split(','), StringComparer.Ordinal);
            return new Snapshot(
                _windows.GroupPolicy.Gpos.ToDictionary(g => g.DisplayName, g => Values(key => g.Get($@"HKLM\{key}", FormatFacts.ValueName)?.Value), StringComparer.Ordinal),
                Values(key => (string?)_windows.Registry.Value($@"HKLM:\{key}", FormatFacts.ValueName)?.Data),
                Values(key => (string?)_imported.Value($@"HKLM:\{key}", FormatFacts.ValueName)?.Data),
                _windows.Directory.Users.ToDictionary(u => u.DistinguishedName, u => u.Text(FormatFacts.SipEnabledAttribute) ?? "(not set)", StringComparer.Ordinal),
                _windows.Tmg.Lines().Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l[4..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal),
                [.. _windows.Dns.Lines().Select(l => DnsLine.Parse(WindowsDns, l)), .. _zones.SelectMany(z => DnsUpdates.Snapshot(_knotd, z)).Select(l => DnsLine.Parse(Knotd, l))]);
        }

        public void Dispose() => _knotd.Dispose();
    }
}
