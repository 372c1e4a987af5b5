using System.Collections.Immutable;

namespace SfbPolicyGen.Concerns;

/// <summary>One fix of the article (or what the fixes share: the tenant, its retired entries), declared
/// as data next to its code in its own folder under Concerns/: its policies.yaml keys, its artifact
/// kinds and its facts. Everything that lists keys, kinds or facts (the loader, the schema, init,
/// import, the writers, the guide, the manifest, plan) iterates <see cref="ConcernRegistry"/>
/// instead of naming them (CONTRIBUTING.md, "Adding a concern").</summary>
/// <param name="Name">A short lowercase name, for messages and tests.</param>
public sealed record Concern(string Name)
{
    /// <summary>Its root keys of policies.yaml, each with its section's keys (Concerns/*/…Keys.cs).</summary>
    public ImmutableArray<PolicyKey> Keys { get; init; } = [];

    /// <summary>The name of the concern's step in the guide (<c>steps.NAME</c> in the guide templates),
    /// or null when its files have no row there. Steps are numbered in registry order, the one numbering
    /// of the table of files and of the headings.</summary>
    public string? GuideStep { get; init; }

    /// <summary>The kinds of file the concern writes.</summary>
    public ImmutableArray<ArtifactKind> Kinds { get; init; } = [];

    /// <summary>The facts its artifacts deploy, which the manifest keeps and plan compares.</summary>
    public ImmutableArray<FactKind> Facts { get; init; } = [];

    /// <summary>Its live check (<c>verify</c>), or null when nothing of it can be asked over the network.</summary>
    public Verification.LiveCheck? Check { get; init; }

    /// <summary>The Scriban templates its writers render, partials included (templates/, embedded).</summary>
    internal ImmutableArray<string> Templates { get; init; } = [];

    /// <summary>Its writers, in the order they run; each writes kinds of <see cref="Kinds"/>.</summary>
    internal ImmutableArray<Writers.ArtifactWriter> Writers { get; init; } = [];

    /// <summary>What its section of the guide reads besides the table of files (names the guide
    /// templates use), for a tenant in one language; null when it adds nothing.</summary>
    internal Func<Model.TenantPolicy, string, IEnumerable<(string Name, object? Value)>>? GuideModel { get; init; }
}

/// <summary>The concerns a run knows, in the order their artifacts are written, their steps are
/// numbered and their keys are listed. <see cref="Default"/> is the product's list; a test adds a
/// throw-away concern with <see cref="With"/>. After every concern's files come the files about them
/// (<see cref="TenantKinds"/>: .gitattributes, then the guide, which lists the others).</summary>
public sealed class ConcernRegistry
{
    private readonly Dictionary<string, ArtifactKind> _kindsByName;
    private readonly Dictionary<ArtifactKind, int> _stepOfKind;
    private readonly Lazy<string> _gitAttributes;

    public ConcernRegistry(ImmutableArray<Concern> concerns)
    {
        Concerns = concerns;
        Kinds = [.. concerns.SelectMany(c => c.Kinds), TenantKinds.GitAttributes, TenantKinds.Guide];
        Writers = [.. concerns.SelectMany(c => c.Writers), GitAttributesWriter.Write, GuideWriter.Write];
        Facts = [.. concerns.SelectMany(c => c.Facts)];
        Checks = [.. concerns.Select(c => c.Check).OfType<Verification.LiveCheck>()];
        Templates = [.. concerns.SelectMany(c => c.Templates).Append(SfbPolicyGen.Templates.TemplateSet.GuideEnglish).Append(SfbPolicyGen.Templates.TemplateSet.GuideFrench).Order(StringComparer.Ordinal)];
        Steps = [.. concerns.Where(c => c.GuideStep is not null).Select((c, i) => (c.GuideStep!, i + 1))];
        _kindsByName = Kinds.ToDictionary(k => k.ManifestName, StringComparer.Ordinal);
        _stepOfKind = concerns.Where(c => c.GuideStep is not null)
            .SelectMany(c => c.Kinds.Select(k => (Kind: k, Step: Steps.First(s => s.Name == c.GuideStep).Number)))
            .ToDictionary(k => k.Kind, k => k.Step);
        _gitAttributes = new(() => GitAttributesWriter.TextFor(Kinds));
    }

    /// <summary>The one registry line per concern.</summary>
    public static ConcernRegistry Default { get; } = new(
    [
        TenantConcern.Concern,
        Trust.TrustConcern.Concern,
        Dns.DnsConcern.Concern,
        Proxy.ProxyConcern.Concern,
        ActiveDirectory.ActiveDirectoryConcern.Concern,
        ClientCleanup.ClientCleanupConcern.Concern,
        Adfs.AdfsConcern.Concern,
        Time.TimeConcern.Concern,
        Diagnostics.DiagnosticsConcern.Concern,
    ]);

    public ImmutableArray<Concern> Concerns { get; }

    /// <summary>Every kind of file a run may write, in writing order.</summary>
    public ImmutableArray<ArtifactKind> Kinds { get; }

    /// <summary>The guide's steps: each concern that has one, numbered from 1 in registry order.</summary>
    public ImmutableArray<(string Name, int Number)> Steps { get; }

    internal ImmutableArray<Writers.ArtifactWriter> Writers { get; }

    /// <summary>Every concern's facts, in registry order (their order in manifest.json).</summary>
    public ImmutableArray<FactKind> Facts { get; }

    /// <summary>Every concern's live check, in registry order (the order of <c>verify</c>'s lines).</summary>
    public ImmutableArray<Verification.LiveCheck> Checks { get; }

    /// <summary>Every template a run renders, in ordinal order: each concern's, and the guides'.</summary>
    internal ImmutableArray<string> Templates { get; }

    /// <summary>The text of every tenant's .gitattributes (<see cref="GitAttributesWriter"/>).</summary>
    internal string GitAttributesText => _gitAttributes.Value;

    /// <summary>This registry and one more concern, last.</summary>
    public ConcernRegistry With(Concern extra) => new(Concerns.Add(extra));

    /// <summary>The kind a manifest names, or null for a name this registry does not know.</summary>
    public ArtifactKind? KindOf(string manifestName) => _kindsByName.GetValueOrDefault(manifestName);

    /// <summary>The fact kind a manifest names, or null for a name this registry does not know.</summary>
    public FactKind? FactOf(string name) => Facts.FirstOrDefault(f => f.Name == name);

    /// <summary>The number of the step whose concern declares the kind (a kind with a guide row has one).</summary>
    public int StepOf(ArtifactKind kind) => _stepOfKind[kind];
}
