using SfbPolicyGen.Concerns;
using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Loading;
using SfbPolicyGen.Model;
using SfbPolicyGen.Output;
using SfbPolicyGen.Templates;
using SfbPolicyGen.Writers;

namespace SfbPolicyGen;

/// <summary>The policy files a run read, and the tenants they define (none when any has an error).</summary>
public sealed record LoadedPolicies(IReadOnlyList<string> Files, IReadOnlyList<TenantPolicy> Tenants);

/// <summary>The whole flow, one direction: files → load and validate each → check across files →
/// templates → a tree whose writers run tenant by tenant when the output stage asks. Nothing here
/// touches the output folder.</summary>
public static class Generator
{
    /// <summary>Policy files larger than this are refused before parsing (a policy file is a few KB).</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <param name="inputs">Files, folders and patterns, as the command line gives them (<see cref="PolicyFiles"/>).</param>
    /// <param name="concerns">Whose keys the files may hold (default <see cref="ConcernRegistry.Default"/>).</param>
    public static LoadedPolicies LoadAll(IReadOnlyList<string> inputs, DiagnosticBag diagnostics, ConcernRegistry? concerns = null)
    {
        var files = PolicyFiles.Expand(inputs, diagnostics);
        var tenants = new List<TenantPolicy>();

        // Each file is read and parsed on the thread pool, its diagnostics in a bag of its own, taken in
        // file order (issue 25: a thousand tenant files parsed one after another were the first half second
        // of every run, on one core). One file is parsed here: starting the pool would cost the start-up
        // of a one-file validate more than it gains (docs/PERFORMANCE.md, "Start-up (issue 25)").
        var loaded = files.Count == 1 ? [LoadOne(files[0], concerns)] : OrderedParallel.Map(files, file => LoadOne(file, concerns), LoadAhead);
        foreach (var (tenant, found) in loaded)
        {
            diagnostics.AddRange(found);
            if (tenant is not null)
            {
                tenants.Add(tenant);
            }
        }

        foreach (var group in tenants.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // At every place, each naming the others (as SFB029): whichever file is the mistake gets its line.
            foreach (var tenant in group)
            {
                var others = group.Where(other => !ReferenceEquals(other, tenant)).Select(other => $"{other.SourceFile} (line {other.NameAt.Line})");
                diagnostics.Error(DiagnosticCodes.DuplicateTenant, tenant.NameAt,
                    $"tenant '{tenant.Name}' is also defined in {string.Join(", ", others)}; each tenant names its own output folder");
            }
        }

        OneOwnerPerDomain(tenants, diagnostics);
        return new LoadedPolicies(files, diagnostics.HasErrors ? [] : tenants);
    }

    /// <summary>Files parsed ahead of the one taken: a few per core, so no core waits for the next.</summary>
    private static readonly int LoadAhead = 4 * Environment.ProcessorCount;

    private static (TenantPolicy? Tenant, DiagnosticBag Found) LoadOne(string file, ConcernRegistry? concerns)
    {
        var found = new DiagnosticBag();
        if (new FileInfo(file).Length > MaxFileBytes)
        {
            found.Error(DiagnosticCodes.FileTooLarge, SourceSpan.StartOf(file), $"the file is larger than {MaxFileBytes / (1024 * 1024)} MiB; a policy file is a few kilobytes");
            return (null, found);
        }

        return (PolicyLoader.Load(file, File.ReadAllBytes(file), found, concerns), found);
    }

    /// <summary>SFB029: a SIP domain belongs to one tenant, in a run and across runs. Two tenants' zone
    /// snippets and DNS scripts for one domain would fight, and a tenant retiring another's domain would
    /// have its DNS script remove the other's records. Reported at every place. (trustModelData.existing
    /// and add may name other tenants' domains: trusting a partner is normal.)</summary>
    /// <param name="ownedOutside">Domain → the tenant that deploys it (or retires it) in the output
    /// folder's manifest, for the tenants outside the run: a run of one tenant's file must not take a
    /// domain another tenant's last run still owns. Moving it is one run over both files (plan then says
    /// "moved"), or a run with --prune when the other tenant's file is gone (README, "Moving a domain").</param>
    internal static void OneOwnerPerDomain(IReadOnlyList<TenantPolicy> tenants, DiagnosticBag diagnostics, IReadOnlyDictionary<string, string>? ownedOutside = null)
    {
        var owners = tenants
            .SelectMany(t => t.Domains.Zip(t.DomainsAt, (domain, at) => (Domain: domain, At: at, Tenant: t)))
            .ToLookup(o => o.Domain, StringComparer.Ordinal);
        static string Where(SourceSpan at) => $"{at.File}, line {at.Line}";
        void Conflict(SourceSpan at, string message) => diagnostics.Error(DiagnosticCodes.DomainOfTwoTenants, at, message);
        foreach (var shared in owners.Where(g => g.Select(o => o.Tenant.Name).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            foreach (var owner in shared)
            {
                var others = shared.Where(o => o.Tenant.Name != owner.Tenant.Name).Select(o => $"'{o.Tenant.Name}' ({Where(o.At)})").ToList();
                var tenantsText = others.Count == 1 ? $"tenant {others[0]}" : $"tenants {string.Join(", ", others[..^1])} and {others[^1]}";
                Conflict(owner.At, $"'{shared.Key}' is also a domain of {tenantsText}; a SIP domain has one owner: move it to one tenant");
            }
        }

        foreach (var tenant in tenants)
        {
            foreach (var (domain, at) in tenant.Retired.Domains.Zip(tenant.Retired.DomainsAt))
            {
                foreach (var owner in owners[domain].Where(o => o.Tenant.Name != tenant.Name))
                {
                    Conflict(at, $"'{domain}' is retired here but is a domain of tenant '{owner.Tenant.Name}' ({Where(owner.At)}): this tenant's DNS Server script would remove that tenant's records");
                }
            }
        }

        foreach (var tenant in tenants)
        {
            foreach (var (domain, at) in tenant.Domains.Zip(tenant.DomainsAt).Concat(tenant.Retired.Domains.Zip(tenant.Retired.DomainsAt)))
            {
                if (ownedOutside?.GetValueOrDefault(domain) is { } owner && owner != tenant.Name)
                {
                    Conflict(at, $"'{domain}' is a domain (or retired domain) of tenant '{owner}' in the output folder's manifest, and that tenant's policy file is not part of this run: "
                        + $"run over both policy files to move it (or with --prune if '{owner}' was renamed or removed)");
                }
            }
        }
    }

    /// <returns>The tree to write, or null when any diagnostic is an error. Its files are rendered as
    /// they are asked for (<see cref="GeneratedTree.Render"/>): a template that fails at run time
    /// surfaces then, as diagnostics of <see cref="OutputStage"/>.</returns>
    /// <param name="registry">The concerns to run (<see cref="ConcernRegistry.Default"/> unless a test adds one).</param>
    public static GeneratedTree? Build(IReadOnlyList<string> inputs, string? templatesDirectory, DiagnosticBag diagnostics, ConcernRegistry? registry = null)
    {
        registry ??= ConcernRegistry.Default;
        var loaded = LoadAll(inputs, diagnostics, registry);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var templates = TemplateSet.Load(registry.Templates, templatesDirectory, diagnostics);
        return templates is null ? null : new GeneratedTree(loaded.Files, loaded.Tenants, (t, history) => ArtifactPipeline.Write(t, registry, templates, history), registry: registry);
    }
}
