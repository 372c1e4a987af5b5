using System.Collections.Immutable;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Loading;

/// <summary>policies.yaml → <see cref="TenantPolicy"/>, in three layers: one reader per YAML section
/// (a partial file each) checks its keys and values through <see cref="SectionReader"/>;
/// <see cref="CrossFieldRules"/> then look across fields; a document without errors becomes the model,
/// defaults applied. Every problem is reported; a file with errors yields no model.</summary>
public static partial class PolicyLoader
{
    internal static readonly string[] RootKeys = ["tenant", "domains", "trustModelData", "proxy", "dns", "admx", "gpo", "activeDirectory", "clientCleanup", "retired", "safety"];

    /// <summary>Loads one file's bytes. <paramref name="file"/> is the name diagnostics show.</summary>
    public static TenantPolicy? Load(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics) => Load(file, bytes, diagnostics, out _, out _);

    /// <summary><see cref="Load(string, ReadOnlySpan{byte}, DiagnosticBag)"/>, with the YAML tree and the
    /// text it was read from, for import --into, which edits that text.</summary>
    internal static TenantPolicy? Load(string file, ReadOnlySpan<byte> bytes, DiagnosticBag diagnostics, out YamlMapping? root, out string? text)
    {
        // A bag of its own: whether this file has errors must not depend on the files before it.
        var local = new DiagnosticBag();
        root = YamlDocumentReader.Read(file, bytes, local, out text);
        var policy = root is null ? null : Bind(file, root, local);
        diagnostics.AddRange(local);
        return policy;
    }

    private static TenantPolicy? Bind(string file, YamlMapping rootNode, DiagnosticBag diagnostics)
    {
        var root = SectionReader.Root(rootNode, RootKeys, diagnostics);
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
        CrossFieldRules.Check(document, diagnostics);
        return diagnostics.HasErrors ? null : document.ToPolicy(file);
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
            ClientCleanup.Or(false),
            Retired.ToPolicy(),
            Safety.ToPolicy());
    }
}
