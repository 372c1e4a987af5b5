using SfbPolicyGen.Diagnostics;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Output;

/// <summary>One file as it will be on disk.</summary>
public sealed record OutputFile(string Path, byte[] Bytes, ArtifactFormat Format);

/// <summary>An artifact with its bytes: what it is (kind, tenant, domain, language) stays with the file
/// up to the manifest, so nothing downstream recovers it from a path or a kind's name.</summary>
public sealed record GeneratedArtifact(Artifact Artifact, byte[] Bytes, Sha256Hash Sha256)
{
    public string Path => Artifact.Path;

    public ArtifactFormat Format => Artifact.Kind.Format;

    /// <summary>For a signed script: its content under the signature block, which is what a reviewed
    /// plan covers (<see cref="ManifestEntry.Reviewed"/>).</summary>
    public SignedContent? UnderSignature { get; init; }

    /// <summary>A script of a run that expects signatures it cannot make (check and plan
    /// --sign-certificate without the key): <see cref="Bytes"/> are its content, and only a copy signed by
    /// the run's certificate is what generate would leave (<see cref="SignedScripts"/>).</summary>
    public bool AwaitsSignature { get; init; }

    /// <summary>What generate found at the artifact's path, looked at on the thread that rendered it
    /// (<see cref="OutputFolder"/>'s probe, issue 25); null when it was not looked at there.</summary>
    internal DiskProbe? Probe { get; init; }

    public ManifestEntry ToManifestEntry() =>
        new(Artifact.Tenant, Artifact.Kind, Artifact.Path, Sha256, Bytes.Length, Artifact.Language, Artifact.Domain) { UnderSignature = UnderSignature };
}

/// <summary>What a file of the output folder held when its tenant was rendered: its state (as
/// <see cref="FolderView.File(string)"/> gives it) and, when generate reads it, either the artifact it keeps (the
/// file holds its bytes, or its signed copy) or the file's hash for the journal and whether it was edited
/// since generate wrote it.</summary>
internal sealed record DiskProbe(PathState State, GeneratedArtifact? Kept, Sha256Hash? OldHash, bool Edited);

/// <summary>The content of a signed script, without its signature block.</summary>
public readonly record struct SignedContent(Sha256Hash Sha256, long Bytes);

/// <summary>One tenant's files, encoded and hashed; all of them lie in the tenant's own folder. In
/// ordinal path order when rendered whole; a large tenant's come in the writers' order, rendered as they
/// are taken (<see cref="GeneratedTree.StreamedFrom"/>), and each enumeration renders them again: take
/// them once. Nothing downstream needs their order (the manifest, check and plan sort).</summary>
public sealed record GeneratedTenant(string Name, IEnumerable<GeneratedArtifact> Artifacts);

/// <summary>A template failed while rendering a tenant (SFB090, in <see cref="Diagnostics"/>), or one of
/// generate's guards refused the run under the output lock (SFB050, SFB052). Rendering happens tenant by
/// tenant while the output stage runs, so this unwinds the stage mid-way (which undoes what it staged)
/// up to <see cref="OutputStage"/>, which returns its diagnostics: internal, so that no command catches it.</summary>
internal sealed class GenerationFailedException(DiagnosticBag diagnostics) : Exception("generation failed; the diagnostics say why")
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;
}

/// <summary>Everything one run produces, tenant by tenant. What is known before rendering (the
/// tenants, their facts, the policy files) is here at once; the files are rendered by
/// <see cref="Render"/> as the output stage asks for them, so memory holds a bounded number of tenants
/// whatever their number (a service provider's repository holds thousands).
/// Determinism: tenants come out in ordinal order of name and each tenant's files in ordinal order of
/// path, however many threads rendered them; a writer's bytes depend on its tenant only.</summary>
public sealed class GeneratedTree
{
    /// <summary>From this many SIP domains on, a tenant is rendered file by file as the output stage takes
    /// its files, on that stage's thread, instead of whole and ahead on another core: one tenant of ten
    /// thousand domains is 20,000 files and 90 MiB, which memory would otherwise hold at once (issue 14:
    /// peak memory of one tenant x 10,000 domains). Below it, rendering whole on every core is faster.</summary>
    public const int DefaultStreamedFrom = 1000;

    private readonly IReadOnlyList<TenantPolicy> _policies;
    private readonly Func<TenantPolicy, DnsHistory, IEnumerable<Artifact>> _render;

    /// <param name="sources">The policy files the tenants come from.</param>
    /// <param name="render">A tenant's artifacts (the writers), produced lazily; called on several threads at once.</param>
    /// <param name="history">What earlier runs into the output folder published (<see cref="After(IEnumerable{TenantFacts})"/>).</param>
    /// <param name="streamedFrom">See <see cref="DefaultStreamedFrom"/>; tests lower it.</param>
    /// <param name="registry">The concerns whose writers <paramref name="render"/> runs: the kinds the output
    /// folder's manifest may name (<see cref="Concerns.ConcernRegistry.Default"/> unless a test adds some).</param>
    /// <param name="signer">Signs the run's scripts, or says which certificate must have (<see cref="Signer"/>).</param>
    public GeneratedTree(IReadOnlyList<string> sources, IEnumerable<TenantPolicy> tenants, Func<TenantPolicy, DnsHistory, IEnumerable<Artifact>> render, DnsHistory? history = null, int streamedFrom = DefaultStreamedFrom, Concerns.ConcernRegistry? registry = null, Signing.ScriptSigner? signer = null)
    {
        Signer = signer;
        Registry = registry ?? Concerns.ConcernRegistry.Default;
        Sources = sources;
        _policies = [.. tenants.OrderBy(t => t.Name, StringComparer.Ordinal)];
        _render = render;
        History = history ?? DnsHistory.None;
        StreamedFrom = streamedFrom;
        Tenants = [.. _policies.Select(t => t.Name)];
        Facts = [.. _policies.Select(t => TenantFacts.From(t, History, Registry))];
    }

    public Concerns.ConcernRegistry Registry { get; }

    /// <summary>The DNS records earlier runs published, by domain: the DNS files may replace or remove
    /// those (<see cref="DnsRules"/>).</summary>
    public DnsHistory History { get; }

    /// <summary>This run as it applies to an output folder a previous run left: the DNS records that
    /// run's facts say were published become the tool's to replace or remove. Generate, check and plan
    /// call it with the facts they read (<see cref="Plan.Planner.PreviousFacts"/>), so that all three see
    /// the same files.</summary>
    public GeneratedTree After(IEnumerable<TenantFacts> previous)
    {
        var history = DnsHistory.From(previous);
        return history.IsEmpty ? this : new GeneratedTree(Sources, _policies, _render, history, StreamedFrom, Registry, Signer);
    }

    /// <summary>The publisher of the run's scripts: generate --sign-certificate signs every script with
    /// it; check and plan --sign-certificate, which have only its public part, expect scripts signed by
    /// it. Null: scripts are written unsigned, and a signed copy generate wrote is kept while its content
    /// is the same (<see cref="SignedScripts"/>).</summary>
    public Signing.ScriptSigner? Signer { get; }

    /// <summary>This run with its scripts signed by <paramref name="signer"/> (or expected signed by it).</summary>
    public GeneratedTree SignedBy(Signing.ScriptSigner signer) => new(Sources, _policies, _render, History, StreamedFrom, Registry, signer);

    /// <summary><see cref="After(IEnumerable{TenantFacts})"/> of the facts of the folder's manifest
    /// (<see cref="Plan.Planner.PreviousFacts"/>), once no tenant of the run takes a domain that a tenant
    /// outside it still owns there (SFB029, <see cref="Generator.OneOwnerPerDomain"/>).</summary>
    /// <exception cref="GenerationFailedException">A tenant of the run takes another's domain.</exception>
    public GeneratedTree After(string outDirectory, FolderScope scope) => After(scope, Plan.Planner.PreviousFacts(outDirectory, scope.Previous, Registry));

    /// <summary><see cref="After(string, FolderScope)"/> with the previous facts already read.</summary>
    public GeneratedTree After(FolderScope scope, IReadOnlyDictionary<string, TenantFacts> previous)
    {
        var outside = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var facts in previous.Values.Where(f => !scope.InScope(f.Tenant)))
        {
            foreach (var domain in facts.Dns.Keys)
            {
                outside[domain] = facts.Tenant;
            }
        }

        var diagnostics = new DiagnosticBag();
        Generator.OneOwnerPerDomain(_policies, diagnostics, outside);

        // A run that stopped while writing is planned from its files, but its journal's facts still say
        // what the runs before it published (which those files, half old and half new, may no longer show):
        // ownership is the union of both.
        return diagnostics.HasErrors
            ? throw new GenerationFailedException(diagnostics)
            : After(scope.Previous.State == ManifestState.Interrupted ? previous.Values.Concat(scope.Previous.Facts.Values) : previous.Values);
    }

    /// <summary>How many tenants are rendered ahead of the one the output stage works on: enough to keep
    /// every core busy, few enough that memory does not grow with the number of tenants. Twice the cores:
    /// tenants differ in cost (profiles, proxies, clients), and with only one per core the output stage,
    /// itself on a core, often found the next one unfinished. Measured on 2 cores, 1000 tenants x 20
    /// domains (7 rounds, medians): generate into an empty folder 1,464 ms against 1,632 with 2 ahead,
    /// unchanged 1,169 against 1,282, for 4 MB more peak memory (85-89 against 84-85 MB); 6 ahead was
    /// slower again (issue 14).</summary>
    public static int RenderAhead => 2 * Environment.ProcessorCount;

    /// <summary>Tenants of at least this many SIP domains are rendered as their files are taken.</summary>
    public int StreamedFrom { get; }

    /// <summary>The policy files read, in the order of the command line.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The tenants of the run, ordinal order; each owns the folder of its name.</summary>
    public IReadOnlyList<string> Tenants { get; }

    /// <summary>What each tenant deploys, for plan and the manifest, ordinal order of tenant.</summary>
    public IReadOnlyList<TenantFacts> Facts { get; }

    /// <summary>The tenants' policies, in the order of <see cref="Facts"/>.</summary>
    public IReadOnlyList<TenantPolicy> Policies => _policies;

    /// <summary>Each tenant's files, in ordinal order of tenant, rendered on every core at most
    /// <see cref="RenderAhead"/> tenants ahead of the caller. Nothing is kept once the caller moves on.</summary>
    /// <exception cref="GenerationFailedException">A template failed (the first tenant in order whose did).</exception>
    public IEnumerable<GeneratedTenant> Render() => OrderedParallel.Map(_policies, RenderTenant, RenderAhead);

    /// <summary><see cref="Render()"/>, each tenant handed to <paramref name="then"/> on the thread that
    /// rendered it: what the output stage does with a tenant's files that only reads (comparing them with
    /// the disk) runs on every core too, and the caller gets the results in tenant order (issue 25). A
    /// large tenant's files are rendered one at a time as <paramref name="then"/> takes them. Like any
    /// map of <see cref="OrderedParallel"/>, <paramref name="then"/> must change nothing outside its result.</summary>
    internal IEnumerable<T> Render<T>(Func<GeneratedTenant, T> then) => OrderedParallel.Map(_policies, policy => then(RenderTenant(policy)), RenderAhead);

    private GeneratedTenant RenderTenant(TenantPolicy tenant) => tenant.Domains.Length >= StreamedFrom
        ? new GeneratedTenant(tenant.Name, Streamed(tenant))
        : new GeneratedTenant(tenant.Name, [.. Streamed(tenant).OrderBy(a => a.Path, StringComparer.Ordinal)]);

    /// <summary>The tenant's files, rendered and encoded one at a time, each checked as it comes.</summary>
    private IEnumerable<GeneratedArtifact> Streamed(TenantPolicy tenant)
    {
        // A tenant's files stay in its folder, and tenant names are distinct lowercase names: two
        // tenants can never share a path, so duplicates are looked for within a tenant only.
        var folder = tenant.Name + "/";
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var artifacts = _render(tenant, History).GetEnumerator();
        while (true)
        {
            Artifact artifact;
            try
            {
                if (!artifacts.MoveNext())
                {
                    break;
                }

                artifact = artifacts.Current;
            }
            catch (Templates.TemplateRenderException ex)
            {
                var diagnostics = new DiagnosticBag();
                Templates.TemplateSet.ReportError(diagnostics, ex.At, ex.Message);
                throw new GenerationFailedException(diagnostics);
            }

            if (!artifact.Path.StartsWith(folder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the artifact {artifact.Path} is outside the folder of tenant {tenant.Name}");
            }

            if (!paths.Add(artifact.Path))
            {
                throw new InvalidOperationException($"two artifacts share the path {artifact.Path}");
            }

            yield return Encode(artifact);
        }
    }

    private GeneratedArtifact Encode(Artifact artifact)
    {
        var bytes = artifact.Kind.Format.Encode(artifact);
        if (Signer is null || !Signing.AuthenticodeScript.Applies(artifact.Path))
        {
            return new GeneratedArtifact(artifact, bytes, Sha256Hash.Of(bytes));
        }

        if (!Signer.CanSign)
        {
            return new GeneratedArtifact(artifact, bytes, Sha256Hash.Of(bytes)) { AwaitsSignature = true };
        }

        byte[] signed;
        try
        {
            signed = Signer.Sign(bytes);
        }
        catch (Signing.TimestampException ex)
        {
            var diagnostics = new DiagnosticBag();
            diagnostics.RunError(DiagnosticCodes.TimestampFailed, $"{artifact.Path}: {ex.Message}; nothing was written (without --timestamp-url, generate signs without a timestamp)");
            throw new GenerationFailedException(diagnostics);
        }

        return new GeneratedArtifact(artifact, signed, Sha256Hash.Of(signed)) { UnderSignature = new SignedContent(Sha256Hash.Of(bytes), bytes.Length) };
    }
}
