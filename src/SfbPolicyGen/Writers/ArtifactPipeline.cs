using SfbPolicyGen.Concerns;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;

namespace SfbPolicyGen.Writers;

/// <summary>What every writer is given besides the tenant: the registry it runs in, the templates, the
/// artifacts the writers before it produced (only the guide, which lists them, reads those), and what
/// earlier runs into the output folder published (the DNS writers: <see cref="DnsRules"/>).</summary>
internal sealed record WriterContext(ConcernRegistry Registry, TemplateSet Templates, IReadOnlyList<Artifact> Written, DnsHistory History);

/// <summary>The one shape of a writer: a tenant in, its artifacts of one kind out (none when the policy
/// asks for none).</summary>
internal delegate IEnumerable<Artifact> ArtifactWriter(TenantPolicy tenant, WriterContext context);

/// <summary>Runs every writer of a registry (<see cref="ConcernRegistry.Writers"/>: each concern's, then
/// .gitattributes and the guide, which lists the others) for one tenant.</summary>
internal static class ArtifactPipeline
{
    public static IEnumerable<Artifact> Write(TenantPolicy tenant, ConcernRegistry registry, TemplateSet templates, DnsHistory history)
    {
        // Lazily, file by file: a tenant of ten thousand domains is tens of thousands of files, which the
        // output stage may take one at a time (GeneratedTree). The writers after one (the guide) see its
        // files by identity only (kind, path, domain...): no writer reads another's text, so none is kept.
        var written = new List<Artifact>();
        foreach (var writer in registry.Writers)
        {
            foreach (var artifact in writer(tenant, new WriterContext(registry, templates, [.. written], history)))
            {
                written.Add(artifact with { Text = "", Binary = null });
                yield return artifact;
            }
        }
    }
}
