using System.Collections.Immutable;
using System.Text.Json;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>The "tenants" part of the manifest: each tenant's <see cref="TenantFacts"/>:
/// <code>{"name", "trustModelData": [{"clients", "value"}], "dns": [{"domains", "records": [{"name","type","data","ttl"}]}],
///  "tmg": {"application key": "value"}, "activeDirectory": [dn], "retired": {"domains", "clients"}}</code> Clients that
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
            WriteGroups(json, "trustModelData", "clients", tenant.TrustModelData, "value", (j, value) =>
            {
                foreach (var name in value)
                {
                    j.WriteStringValue(name);
                }
            });
            WriteGroups(json, "dns", "domains", tenant.Dns, "records", (j, records) =>
            {
                foreach (var record in records)
                {
                    j.WriteStartObject();
                    j.WriteString("name", record.Name);
                    j.WriteString("type", record.Type);
                    j.WriteString("data", record.Data);
                    j.WriteNumber("ttl", record.Ttl);
                    j.WriteEndObject();
                }
            });
            if (!tenant.TmgKeys.IsEmpty)
            {
                json.WriteStartObject("tmg");
                foreach (var (key, value) in tenant.TmgKeys)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            WriteList(json, "activeDirectory", tenant.DistinguishedNames);
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

    /// <summary>[{"keysName": [keys sharing one value], "valueName": value}], groups in the order of their first key.</summary>
    private static void WriteGroups<T>(Utf8JsonWriter json, string name, string keysName, ImmutableSortedDictionary<string, ImmutableArray<T>> map, string valueName, Action<Utf8JsonWriter, ImmutableArray<T>> writeValue)
    {
        if (map.IsEmpty)
        {
            return;
        }

        json.WriteStartArray(name);
        var groups = new List<(List<string> Keys, ImmutableArray<T> Value)>();
        foreach (var (key, value) in map)
        {
            var group = groups.FindIndex(g => g.Value.SequenceEqual(value));
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
            json.WriteStartArray(valueName);
            writeValue(json, value);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
