using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;

namespace SfbPolicyGen.Writers;

/// <summary>What every writer is given besides the tenant: the templates, the artifacts the writers
/// before it produced (only the guide, which lists them, reads those), and what earlier runs into the
/// output folder published (the DNS writers: <see cref="DnsRules"/>).</summary>
internal sealed record WriterContext(TemplateSet Templates, IReadOnlyList<Artifact> Written, DnsHistory History);

/// <summary>The one shape of a writer: a tenant in, its artifacts of one kind out (none when the policy
/// asks for none).</summary>
internal delegate IEnumerable<Artifact> ArtifactWriter(TenantPolicy tenant, WriterContext context);

/// <summary>Every writer, in a plain static list (no reflection). A new kind of artifact is one writer
/// here, one row in <see cref="ArtifactFormat.For"/>, and the arms the compiler then asks for in the
/// exhaustive switches over <see cref="ArtifactKind"/> (the guide's texts, explain, plan's fallback).
/// The guide comes last because it lists the others.</summary>
internal static class ArtifactPipeline
{
    /// <summary>In pipeline order; bench/ measures each one.</summary>
    internal static readonly ArtifactWriter[] Writers =
    [
        AdmxWriter.Write,
        RegWriter.Write,
        RegistryPolWriter.Write,
        LgpoTextWriter.Write,
        GpoScriptWriter.Write,
        TrustAppendScriptWriter.Write,
        IntuneRemediationWriter.Write,
        ZoneWriter.Write,
        NsUpdateWriter.Write,
        DnsServerScriptWriter.Write,
        TmgClientIniWriter.Write,
        TmgServerScriptWriter.Write,
        GatewayRulesWriter.Write,
        LdifWriter.Write,
        ActiveDirectoryScriptWriter.Write,
        ClientCleanupScriptWriter.Write,
        GitAttributesWriter.Write,
        GuideWriter.Write,
    ];

    public static IEnumerable<Artifact> Write(TenantPolicy tenant, TemplateSet templates, DnsHistory history)
    {
        // Lazily, file by file: a tenant of ten thousand domains is tens of thousands of files, which the
        // output stage may take one at a time (GeneratedTree). The writers after one (the guide) see its
        // files by identity only (kind, path, domain...): no writer reads another's text, so none is kept.
        var written = new List<Artifact>();
        foreach (var writer in Writers)
        {
            foreach (var artifact in writer(tenant, new WriterContext(templates, [.. written], history)))
            {
                written.Add(artifact with { Text = "", Binary = null });
                yield return artifact;
            }
        }
    }
}
