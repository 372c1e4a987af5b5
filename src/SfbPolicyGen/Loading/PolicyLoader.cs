using System.Collections.Immutable;
using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>policies.yaml → <see cref="TenantPolicy"/>, in three layers: one reader per YAML section
/// (a partial file each) checks its keys and values through <see cref="SectionReader"/>;
/// <see cref="CrossFieldRules"/> then look across fields; a document without errors becomes the model,
/// defaults applied. Every problem is reported; a file with errors yields no model.</summary>
public static partial class PolicyLoader
{
    /// <summary>Loads one file's bytes. <paramref name="file"/> is the name diagnostics show.</summary>
    /// <param name="concerns">Whose keys the file may hold (default <see cref="ConcernRegistry.Default"/>).</param>
    public static TenantPolicy? Load(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics, ConcernRegistry? concerns = null) =>
        Load(file, bytes, diagnostics, out _, out _, concerns);

    /// <summary><see cref="Load(string, ReadOnlySpan{byte}, DiagnosticBag, ConcernRegistry)"/>, with the YAML tree and the
    /// text it was read from, for import --into, which edits that text.</summary>
    internal static TenantPolicy? Load(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics, out YamlMapping? root, out string? text, ConcernRegistry? concerns = null)
    {
        // A bag of its own: whether this file has errors must not depend on the files before it.
        var local = new DiagnosticBag();
        root = YamlDocumentReader.Read(file, bytes, local, out text);
        var policy = root is null ? null : Bind(file, root, concerns ?? ConcernRegistry.Default, local);
        diagnostics.AddRange(local);
        return policy;
    }

    private static TenantPolicy? Bind(string file, YamlMapping rootNode, ConcernRegistry concerns, DiagnosticBag diagnostics)
    {
        // The root keys in their declared order: the unknown-key message lists them so.
        var root = SectionReader.Root(rootNode, [.. concerns.RootKeys().Select(key => key.Name)], diagnostics);
        var document = new PolicyDocument(
            ReadTenant(root),
            ReadDomains(root),
            ReadTrustModelData(root),
            ReadProxy(root),
            ReadDns(root),
            ReadAdmx(root),
            ReadGpoName(root),
            ReadActiveDirectory(root),
            root.Bool("clientCleanup"),
            ReadRetired(root),
            ReadSafety(root));
        var adfs = ReadAdfs(root);
        var time = ReadTime(root);
        var settings = ReadSettings(root, concerns);
        CrossFieldRules.Check(document, diagnostics);
        return diagnostics.HasErrors ? null : document.ToPolicy(file) with { Settings = settings, Adfs = adfs.ToPolicy(), Time = time.ToPolicy() };
    }
}

/// <summary>policies.yaml as read: every field with its state and place, no default applied yet.</summary>
internal sealed record PolicyDocument(
    TenantSection Tenant,
    ListField<string> Domains,
    TrustModelDataSection TrustModelData,
    ProxySection Proxy,
    DnsSection Dns,
    AdmxSection Admx,
    Field<string> GpoName,
    ActiveDirectorySection ActiveDirectory,
    Field<bool> ClientCleanup,
    RetiredSection Retired,
    SafetySection Safety)
{
    /// <summary>Only for a document without errors: every field written is then valid, and tenant.name is written.</summary>
    public TenantPolicy ToPolicy(string file)
    {
        var name = Tenant.Name.Value;
        ImmutableArray<string> domains = [.. Domains.Values];
        return new TenantPolicy(
            file,
            Tenant.Name.At,
            name,
            Tenant.DisplayName.Or(name),
            domains,
            [.. Domains.Accepted.Select(d => d.At)],
            TrustModelData.ToPolicy(domains),
            Proxy.ToPolicy(),
            Dns.ToPolicy(),
            Admx.ToPolicy(name),
            new GpoPolicy(GpoName.Or(GpoPolicy.DefaultName(name))),
            ActiveDirectory.ToPolicy(),
            ClientCleanup.Or(TenantPolicy.DefaultClientCleanup),
            Retired.ToPolicy(),
            Safety.ToPolicy());
    }
}
