using System.Buffers.Binary;
using System.Text;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>The machine Registry.pol carrying TrustModelData under every selected client key, in the
/// PReg format of [MS-GPREG] 2.2.1 (docs/REGISTRY.md, "Registry.pol"): "PReg", version 1 (uint32 LE), then per
/// value <c>[key;value;type;size;data]</c>, every delimiter a UTF-16LE character, key and value name
/// UTF-16LE with a terminating NUL, type and size uint32 LE, REG_SZ data UTF-16LE with its NUL
/// (counted in size). Keys carry no hive: the file's Machine folder is HKLM.
/// A retired client's value is deleted with a <c>**del.TrustModelData</c> entry ("Registry Policy File
/// Format", docs/REGISTRY.md, "Registry.pol"), whose data Group Policy ignores: a space, as gpedit writes. Nothing
/// else (no **delvals.): the policy leaves the key's other values alone.
/// Determinism: entries in ordinal order of key, as in the .reg file.</summary>
internal static class RegistryPolWriter
{
    private const uint Version = 1;
    private const uint RegSz = 1;
    private const string DeletePrefix = "**del.";

    /// <summary>What the file does, key by key (ordinal order): the listed clients' value, and null for
    /// each retired client (the value deleted). The LGPO text beside it states the same entries.</summary>
    public static IEnumerable<(TrustClient Client, string? Value)> Entries(TenantPolicy tenant) =>
        tenant.TrustModelData.Clients.Select(c => (Client: c, Value: (string?)tenant.TrustModelData.RegistryValue))
            .Concat(tenant.Retired.Clients.Select(c => (Client: c, Value: (string?)null)))
            .OrderBy(e => e.Client.PolicyKey, StringComparer.Ordinal);

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, WriterContext _)
    {
        var bytes = new List<byte>();
        bytes.AddRange("PReg"u8);
        AddUInt32(bytes, Version);
        foreach (var (client, value) in Entries(tenant))
        {
            var data = Encoding.Unicode.GetBytes((value ?? " ") + "\0");
            AddText(bytes, "[" + client.PolicyKey + "\0;" + (value is null ? DeletePrefix : "") + TrustClient.ValueName + "\0;");
            AddUInt32(bytes, RegSz);
            AddText(bytes, ";");
            AddUInt32(bytes, (uint)data.Length);
            AddText(bytes, ";");
            bytes.AddRange(data);
            AddText(bytes, "]");
        }

        yield return new Artifact(tenant.Name, TrustKinds.RegistryPol, TrustKinds.RegistryPol.PathOf(tenant.Name), "", Binary: [.. bytes]);
    }

    private static void AddText(List<byte> bytes, string text) => bytes.AddRange(Encoding.Unicode.GetBytes(text));

    private static void AddUInt32(List<byte> bytes, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        bytes.AddRange(buffer);
    }
}
