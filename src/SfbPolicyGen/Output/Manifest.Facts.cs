using System.Collections.Immutable;
using System.Text.Json;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>The "tenants" part of the manifest: each tenant's <see cref="TenantFacts"/>:
/// <code>{"name", "trustModelData": [{"clients", "value"}], "gpo": "name",
///  "dns": [{"domains", "records": [{"name","type","data","ttl"}], "published": [...]}], "dnsManage": [], "dnsKeep": [],
///  then each concern's declared facts under their names (<see cref="TenantFacts.Declared"/>, e.g.
///  "tmg": {"application key": "value"}), "activeDirectory": [dn], "activeDirectoryUsers": [upn or sAMAccountName],
///  "activeDirectorySearch": {"base", "filter"}, "retired": {"domains", "clients"}}</code> Clients that
/// share one value, and domains that share one record set, are written once as a group (the model
/// gives every client the same value and every domain the same records), so the manifest grows with
/// the domains by one name each, not by their records.</summary>
public static partial class Manifest
{
    private static void WriteFacts(Utf8JsonWriter json, IEnumerable<TenantFacts> facts)
    {
        json.WriteStartArray("tenants");
        foreach (var tenant in facts.OrderBy(f => f.Tenant, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", tenant.Tenant);
            WriteGroups(json, "trustModelData", "clients", tenant.TrustModelData, (a, b) => a.SequenceEqual(b), value =>
            {
                json.WriteStartArray("value");
                foreach (var name in value)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            });
            if (tenant.GpoName is { } gpo)
            {
                json.WriteString("gpo", gpo);
            }

            WriteDns(json, tenant);
            WriteList(json, "dnsManage", tenant.DnsManage);
            WriteList(json, "dnsKeep", tenant.DnsKeep);
            foreach (var declared in tenant.Declared)
            {
                json.WritePropertyName(declared.Kind.Name);
                declared.Kind.WriteValue(json, declared.Value);
            }

            if (!tenant.RetiredDomains.IsEmpty || !tenant.RetiredClients.IsEmpty)
            {
                json.WriteStartObject("retired");
                WriteList(json, "domains", tenant.RetiredDomains);
                WriteList(json, "clients", tenant.RetiredClients);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            FlushWhenFull(json);
        }

        json.WriteEndArray();
    }

    /// <summary>Domains that share their records and the records they still own (<see cref="TenantFacts.DnsPublished"/>)
    /// are one group: <c>{"domains", "records", "published"}</c>, "published" only when it holds some.</summary>
    private static void WriteDns(Utf8JsonWriter json, TenantFacts tenant)
    {
        var domains = tenant.Dns.Keys.Union(tenant.DnsPublished.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ToImmutableSortedDictionary(d => d, d => (Records: tenant.Dns.GetValueOrDefault(d, []), Published: tenant.DnsPublished.GetValueOrDefault(d, [])), StringComparer.Ordinal);
        WriteGroups(json, "dns", "domains", domains, (a, b) => a.Records.SequenceEqual(b.Records) && a.Published.SequenceEqual(b.Published), group =>
        {
            WriteRecords(json, "records", group.Records);
            if (!group.Published.IsEmpty)
            {
                WriteRecords(json, "published", group.Published);
            }
        });
    }

    private static void WriteRecords(Utf8JsonWriter json, string name, ImmutableArray<RecordFact> records)
    {
        json.WriteStartArray(name);
        foreach (var record in records)
        {
            json.WriteStartObject();
            json.WriteString("name", record.Name);
            json.WriteString("type", record.Type);
            json.WriteString("data", record.Data);
            json.WriteNumber("ttl", record.Ttl);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter json, string name, ImmutableArray<string> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>[{"keysName": [keys sharing one value], the value's fields}], groups in the order of their first key.</summary>
    private static void WriteGroups<T>(Utf8JsonWriter json, string name, string keysName, ImmutableSortedDictionary<string, T> map, Func<T, T, bool> same, Action<T> writeFields)
    {
        if (map.IsEmpty)
        {
            return;
        }

        json.WriteStartArray(name);
        var groups = new List<(List<string> Keys, T Value)>();
        foreach (var (key, value) in map)
        {
            var group = groups.FindIndex(g => same(g.Value, value));
            if (group < 0)
            {
                groups.Add(([key], value));
            }
            else
            {
                groups[group].Keys.Add(key);
            }
        }

        foreach (var (keys, value) in groups)
        {
            json.WriteStartObject();
            json.WriteStartArray(keysName);
            foreach (var key in keys)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
            writeFields(value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
