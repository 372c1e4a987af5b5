using System.Globalization;
using System.Management.Automation;

namespace SfbPolicyGen.Tests.Support;

/// <summary>The Windows a generated script acts on, in memory: the registry under HKLM, the domain's
/// GPOs, a DNS server's zones, Active Directory's users and a TMG array's client settings. A test seeds
/// it, runs a script against the stand-ins (<see cref="WindowsStandIns"/>), then reads it back with each
/// store's <c>Lines()</c>. <see cref="Changes"/> lists every state-changing call a stand-in received, in
/// order, recorded when the call is made (a call under -WhatIf counts too: the scripts must not make
/// one).</summary>
public sealed class WindowsState
{
    public WindowsState()
    {
        Tmg = new TmgStandIn(Changes);
        Time = new TimeStandIn();
    }

    public List<string> Changes { get; } = [];

    /// <summary>The modules scripts imported (Import-Module stand-in).</summary>
    public List<string> Modules { get; } = [];

    public RegistryStandIn Registry { get; } = new();

    public GroupPolicyStandIn GroupPolicy { get; } = new();

    public DnsServerStandIn Dns { get; } = new();

    public DirectoryStandIn Directory { get; } = new();

    public TmgStandIn Tmg { get; }

    /// <summary>A domain controller's Windows Time service and its domain (w32tm, Get-ADDomain).</summary>
    public TimeStandIn Time { get; }

    /// <summary>Everything the stores hold, one line each: what a test compares before and after a run.</summary>
    public IReadOnlyList<string> Lines() => [.. Registry.Lines(), .. GroupPolicy.Lines(), .. Dns.Lines(), .. Directory.Lines(), .. Tmg.Lines(), .. Time.Lines()];
}

/// <summary>Registry keys as PowerShell's registry provider names them (<c>HKLM:\Software\...</c>), key
/// and value names compared without case as Windows does.</summary>
public sealed class RegistryStandIn
{
    private readonly Dictionary<string, Dictionary<string, RegistryValue>> _keys = new(StringComparer.OrdinalIgnoreCase);

    public RegistryStandIn Seed(string key, string name, string data, string kind = "String")
    {
        if (!_keys.ContainsKey(key))
        {
            CreateKey(key);
        }

        SetValue(key, name, kind, data);
        return this;
    }

    /// <summary>A key exists when it was created or holds a key below it (the provider sees parents).</summary>
    public bool KeyExists(string key) => _keys.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + @"\", StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of the values of a key created itself; null for another.</summary>
    public IEnumerable<string>? ValueNames(string key) => _keys.TryGetValue(key, out var values) ? [.. values.Keys] : null;

    public RegistryValue? Value(string key, string name) => _keys.TryGetValue(key, out var values) ? values.GetValueOrDefault(name) : null;

    /// <summary>A caller that may read HKLM but not write it (a standard user, where a script meant for
    /// SYSTEM runs with the logged-on user's credentials): every write fails as the provider's does.</summary>
    public bool WriteDenied { get; set; }

    /// <summary>New-Item: a new empty key. The provider's New-Item -Force on an existing key replaces it
    /// with an empty one, losing its values; so does this.</summary>
    public void CreateKey(string key) => _keys[key] = new(StringComparer.OrdinalIgnoreCase);

    public void SetValue(string key, string name, string kind, object data) => _keys[key][name] = new RegistryValue(kind, data);

    public bool RemoveValue(string key, string name) => _keys[key].Remove(name);

    /// <summary>regedit's import of a .reg file (Microsoft, "How to add, modify, or delete registry subkeys
    /// and values by using a .reg file"): each key named is created if missing, each <c>"name"="data"</c> sets
    /// that REG_SZ and each <c>"name"=-</c> deletes that value (nothing when it is absent); the keys' other
    /// values, and keys the file does not name, stay. The file is read by the strict reader.</summary>
    public void Import(byte[] reg)
    {
        foreach (var entry in StrictRegReader.Parse(reg))
        {
            var key = @"HKLM:\" + entry.Key[(FormatFacts.Hive.Length + 1)..];
            if (entry.Data is not { } data)
            {
                if (Value(key, entry.Name) is not null)
                {
                    RemoveValue(key, entry.Name);
                }
            }
            else
            {
                Seed(key, entry.Name, data);
            }
        }
    }

    public IEnumerable<string> Lines() => _keys
        .SelectMany(key => key.Value.Count == 0 ? [$@"{key.Key}\ (no values)"] : key.Value.Select(v => $@"{key.Key}\{v.Key}={v.Value.Kind}:{v.Value.Data}"))
        .Order(StringComparer.OrdinalIgnoreCase);
}

public sealed record RegistryValue(string Kind, object Data);

/// <summary>The domain's GPOs and their registry-based policy settings (Computer Configuration keys as
/// <c>HKEY_LOCAL_MACHINE\...</c>).</summary>
public sealed class GroupPolicyStandIn
{
    private int _created;

    public List<StandInGpo> Gpos { get; } = [];

    /// <summary>A GPO that exists before the run; its id is derived from a counter, so runs repeat.</summary>
    public StandInGpo Seed(string name)
    {
        var gpo = new StandInGpo(new Guid(++_created, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]), name);
        Gpos.Add(gpo);
        return gpo;
    }

    public StandInGpo? ByName(string name) => Gpos.SingleOrDefault(g => string.Equals(g.DisplayName, name, StringComparison.OrdinalIgnoreCase));

    public StandInGpo? ById(Guid id) => Gpos.SingleOrDefault(g => g.Id == id);

    /// <summary>A key as the cmdlets' -Key takes it (<c>HKLM\...</c> or <c>HKEY_LOCAL_MACHINE\...</c>), in
    /// its long form; null for another hive.</summary>
    public static string? FullKey(string key) =>
        key.StartsWith(@"HKLM\", StringComparison.OrdinalIgnoreCase) ? @"HKEY_LOCAL_MACHINE\" + key[5..]
        : key.StartsWith(@"HKEY_LOCAL_MACHINE\", StringComparison.OrdinalIgnoreCase) ? @"HKEY_LOCAL_MACHINE\" + key[19..]
        : null;

    public IEnumerable<string> Lines() => Gpos
        .SelectMany(g => g.Settings.Count == 0 ? [$"GPO '{g.DisplayName}' (no settings)"] : g.Settings.Select(s => $@"GPO '{g.DisplayName}' {s.Key}={s.Value.Type}:{s.Value.Value}"))
        .Order(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A GPO as Get-GPO returns it (the properties the scripts read).</summary>
public sealed class StandInGpo(Guid id, string displayName)
{
    public Guid Id { get; } = id;

    public string DisplayName { get; } = displayName;

    public string DomainName { get; } = "corp.example";

    public string GpoStatus { get; } = "AllSettingsEnabled";

    public string? Description { get; set; }

    /// <summary>"HKEY_LOCAL_MACHINE\key\valueName" (any case) → the setting.</summary>
    public Dictionary<string, GpoSetting> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public GpoSetting? Get(string key, string valueName) => Settings.GetValueOrDefault(Name(key, valueName));

    public StandInGpo Set(string key, string valueName, string value, string type = "String")
    {
        Settings[Name(key, valueName)] = new GpoSetting(type, value);
        return this;
    }

    public bool Remove(string key, string valueName) => Settings.Remove(Name(key, valueName));

    private static string Name(string key, string valueName) => $@"{GroupPolicyStandIn.FullKey(key)}\{valueName}";
}

public sealed record GpoSetting(string Type, string Value);

/// <summary>A Windows DNS Server's zones. Records are what Get-DnsServerResourceRecord returns: a
/// relative HostName ("@" at the apex), RecordType, TimeToLive, and RecordData with the properties of
/// its type (DnsServerResourceRecordCName.HostNameAlias, ...Srv.DomainName/Priority/Weight/Port,
/// ...MX.MailExchange/Preference, ...A.IPv4Address, ...Txt.DescriptiveText).</summary>
public sealed class DnsServerStandIn
{
    private readonly Dictionary<string, List<DnsServerRecord>> _zones = new(StringComparer.OrdinalIgnoreCase);

    public DnsServerStandIn Zone(string zone, params DnsServerRecord[] records)
    {
        if (!_zones.TryGetValue(zone, out var list))
        {
            list = [];
            _zones[zone] = list;
        }

        list.AddRange(records);
        return this;
    }

    public bool HasZone(string zone) => _zones.ContainsKey(zone);

    /// <summary>The records at <paramref name="name"/>; without <paramref name="node"/> also those of the
    /// names below it, as the cmdlet documents.</summary>
    public IEnumerable<DnsServerRecord> At(string zone, string name, bool node) => _zones[zone].Where(r =>
        string.Equals(r.HostName, name, StringComparison.OrdinalIgnoreCase) || (!node && r.HostName.EndsWith("." + name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>What the server refuses: a CNAME beside other data at one name (RFC 1034 3.6.2), and a
    /// record that is already there.</summary>
    public void Add(string zone, DnsServerRecord record)
    {
        var here = At(zone, record.HostName, node: true).ToList();
        if (here.Any(r => r.Type == "CNAME") || (record.Type == "CNAME" && here.Count > 0))
        {
            throw new InvalidOperationException($"{record.HostName}.{zone}: a CNAME cannot share its name with other records");
        }

        if (here.Any(r => r.Data == record.Data && r.Type == record.Type))
        {
            throw new InvalidOperationException($"{record.HostName}.{zone}: the record already exists");
        }

        _zones[zone].Add(record);
    }

    public bool Remove(string zone, DnsServerRecord record) =>
        _zones[zone].RemoveAll(r => Same(r, record)) > 0;

    /// <summary>Set-DnsServerResourceRecord: the old record becomes the new one in place, in one step; the
    /// cmdlet cannot change a record's name or type, and refuses a copy that equals a record already there.</summary>
    public void Replace(string zone, DnsServerRecord old, DnsServerRecord replacement)
    {
        if (!string.Equals(old.HostName, replacement.HostName, StringComparison.OrdinalIgnoreCase) || old.Type != replacement.Type)
        {
            throw new InvalidOperationException("Set-DnsServerResourceRecord cannot change the name or type of a record");
        }

        var list = _zones[zone];
        var index = list.FindIndex(r => Same(r, old));
        if (index < 0)
        {
            throw new InvalidOperationException($"{old.HostName}.{zone}: the old record is not there");
        }

        if (old.Data != replacement.Data && list.Any(r => Same(r, replacement)))
        {
            throw new InvalidOperationException($"{old.HostName}.{zone}: the new record already exists");
        }

        list[index] = replacement;
    }

    private static bool Same(DnsServerRecord a, DnsServerRecord b) =>
        string.Equals(a.HostName, b.HostName, StringComparison.OrdinalIgnoreCase) && a.Type == b.Type && a.Data == b.Data;

    /// <summary>"name.zone. TTL IN TYPE data", as FormatFacts.RecordLine writes a record.</summary>
    public IEnumerable<string> Lines() => _zones
        .SelectMany(zone => zone.Value.Select(r => string.Create(CultureInfo.InvariantCulture, $"{(r.HostName == "@" ? "" : r.HostName + ".")}{zone.Key}. {(int)r.TimeToLive.TotalSeconds} IN {r.Type} {r.Data}")))
        .Order(StringComparer.Ordinal);
}

/// <summary>A DnsServerResourceRecord as the DnsServer cmdlets return it: a CIM instance whose
/// TimeToLive and RecordData properties a script may change on a copy (<see cref="Clone"/>, as
/// CimInstance.Clone) before passing both to Set-DnsServerResourceRecord.</summary>
public sealed class DnsServerRecord(string hostName, string recordType, TimeSpan timeToLive, object recordData)
{
    public string HostName { get; } = hostName;

    public string RecordType { get; } = recordType;

    public TimeSpan TimeToLive { get; set; } = timeToLive;

    public object RecordData { get; set; } = recordData;

    public string RecordClass { get; } = "IN";

    /// <summary>The type in upper case and the RDATA in presentation form, for comparisons and lines.</summary>
    public string Type => RecordType.ToUpperInvariant();

    public string Data => RecordData switch
    {
        DnsCName c => c.HostNameAlias,
        DnsSrv s => string.Create(CultureInfo.InvariantCulture, $"{s.Priority} {s.Weight} {s.Port} {s.DomainName}"),
        DnsMx m => string.Create(CultureInfo.InvariantCulture, $"{m.Preference} {m.MailExchange}"),
        DnsA a => a.IPv4Address,
        DnsTxt t => $"\"{t.DescriptiveText}\"",
        _ => throw new InvalidOperationException($"record data {RecordData.GetType().Name}"),
    };

    /// <summary>A deep copy, as CimInstance.Clone copies the embedded RecordData instance too.</summary>
    public DnsServerRecord Clone() => new(HostName, RecordType, TimeToLive, RecordData switch
    {
        DnsCName c => new DnsCName { HostNameAlias = c.HostNameAlias },
        DnsSrv s => new DnsSrv { DomainName = s.DomainName, Priority = s.Priority, Weight = s.Weight, Port = s.Port },
        DnsMx m => new DnsMx { MailExchange = m.MailExchange, Preference = m.Preference },
        DnsA a => new DnsA { IPv4Address = a.IPv4Address },
        DnsTxt t => new DnsTxt { DescriptiveText = t.DescriptiveText },
        _ => throw new InvalidOperationException($"record data {RecordData.GetType().Name}"),
    });

    public static DnsServerRecord CName(string name, string alias, int ttl = 3600) => new(name, "CNAME", TimeSpan.FromSeconds(ttl), new DnsCName { HostNameAlias = alias });

    public static DnsServerRecord Srv(string name, int priority, int weight, int port, string target, int ttl = 3600) =>
        new(name, "SRV", TimeSpan.FromSeconds(ttl), new DnsSrv { DomainName = target, Priority = (ushort)priority, Weight = (ushort)weight, Port = (ushort)port });

    public static DnsServerRecord Mx(string name, int preference, string exchange, int ttl = 3600) => new(name, "MX", TimeSpan.FromSeconds(ttl), new DnsMx { MailExchange = exchange, Preference = (ushort)preference });

    public static DnsServerRecord A(string name, string address, int ttl = 3600) => new(name, "A", TimeSpan.FromSeconds(ttl), new DnsA { IPv4Address = address });

    public static DnsServerRecord Txt(string name, string text, int ttl = 3600) => new(name, "TXT", TimeSpan.FromSeconds(ttl), new DnsTxt { DescriptiveText = text });
}

// The RecordData classes of the DnsServer module (DnsServerResourceRecordCName, ...Srv, ...), with the
// properties a script reads and sets.
public sealed class DnsCName
{
    public string HostNameAlias { get; set; } = "";
}

public sealed class DnsSrv
{
    public string DomainName { get; set; } = "";

    public ushort Priority { get; set; }

    public ushort Weight { get; set; }

    public ushort Port { get; set; }
}

public sealed class DnsMx
{
    public string MailExchange { get; set; } = "";

    public ushort Preference { get; set; }
}

public sealed class DnsA
{
    public string IPv4Address { get; set; } = "";
}

public sealed class DnsTxt
{
    public string DescriptiveText { get; set; } = "";
}

/// <summary>Active Directory's users, with their LDAP attributes (objectClass, objectCategory,
/// msRTCSIP-UserEnabled...) compared without case.</summary>
public sealed class DirectoryStandIn
{
    public List<AdAccount> Users { get; } = [];

    /// <summary>A user; <paramref name="sipEnabled"/> null leaves msRTCSIP-UserEnabled unset.</summary>
    public DirectoryStandIn User(string dn, string sam, string? upn, bool? sipEnabled, string objectClass = "user")
    {
        var user = new AdAccount(dn, sam, upn);
        user.Attributes["objectClass"] = objectClass;
        user.Attributes["objectCategory"] = objectClass == "user" ? "person" : objectClass;
        if (sipEnabled is { } enabled)
        {
            user.Attributes[FormatFacts.SipEnabledAttribute] = enabled;
        }

        Users.Add(user);
        return this;
    }

    /// <summary>-Identity: a distinguished name or a sAMAccountName (for a user object Get-ADUser
    /// returned, the stand-in passes its DistinguishedName).</summary>
    public AdAccount? Find(string identity) => Users.SingleOrDefault(u =>
        string.Equals(u.DistinguishedName, identity, StringComparison.OrdinalIgnoreCase) || string.Equals(u.SamAccountName, identity, StringComparison.OrdinalIgnoreCase));

    /// <summary>-Filter '&lt;attribute&gt; -eq $variable': users whose attribute equals the value, any case.</summary>
    public IEnumerable<AdAccount> WhereEquals(string attribute, string value) => Users.Where(u => string.Equals(u.Text(attribute), value, StringComparison.OrdinalIgnoreCase));

    /// <summary>-SearchBase -LDAPFilter (subtree): users at or below the base that the filter selects.</summary>
    public IEnumerable<AdAccount> Search(string searchBase, string ldapFilter) => Users.Where(u =>
        (string.Equals(u.DistinguishedName, searchBase, StringComparison.OrdinalIgnoreCase) || u.DistinguishedName.EndsWith("," + searchBase, StringComparison.OrdinalIgnoreCase))
        && LdapFilter.Matches(ldapFilter, u.Text));

    public IEnumerable<string> Lines() => Users
        .Select(u => $"{u.DistinguishedName} {FormatFacts.SipEnabledAttribute}={u.Text(FormatFacts.SipEnabledAttribute) ?? "(not set)"}")
        .Order(StringComparer.Ordinal);
}

public sealed class AdAccount(string dn, string sam, string? upn)
{
    public string DistinguishedName { get; } = dn;

    public string SamAccountName { get; } = sam;

    public string? UserPrincipalName { get; } = upn;

    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["distinguishedName"] = dn,
        ["sAMAccountName"] = sam,
        ["userPrincipalName"] = upn,
    };

    /// <summary>An attribute in LDAP's string form (Boolean syntax: TRUE / FALSE), or null when unset.</summary>
    public string? Text(string attribute) => Attributes.GetValueOrDefault(attribute) switch
    {
        null => null,
        bool b => b ? "TRUE" : "FALSE",
        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The object Get-ADUser returns: its default properties, then each one asked with
    /// -Properties (null when unset).</summary>
    public PSObject ToAdUser(IEnumerable<string> properties)
    {
        var user = new PSObject();
        user.Properties.Add(new PSNoteProperty("DistinguishedName", DistinguishedName));
        user.Properties.Add(new PSNoteProperty("SamAccountName", SamAccountName));
        user.Properties.Add(new PSNoteProperty("UserPrincipalName", UserPrincipalName));
        user.Properties.Add(new PSNoteProperty("ObjectClass", Attributes["objectClass"]));
        foreach (var property in properties.Where(p => user.Properties[p] is null))
        {
            user.Properties.Add(new PSNoteProperty(property, Attributes.GetValueOrDefault(property)));
        }

        return user;
    }
}
