using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Proxy;

/// <summary>The Proxy concern's keys: proxy and its applications[] (<see cref="PolicyKey"/>). Read by
/// Loading/PolicyLoader.Proxy.cs.</summary>
public static class ProxyKeys
{
    public static readonly PolicyKey Kind = new("kind", new ChoiceType(ProxyKindNames.Table.Names), $"tmg, other or none (default {ProxyKind.None.YamlName()}).")
    {
        Default = ProxyKind.None.YamlName(),
        Comment = "tmg | other | none; tmg and other get the article's msoidsvc rule",
    };

    public static readonly PolicyKey ApplicationName = new(
        "name",
        new TextType(Pattern: $"^[A-Za-z0-9_.-]{{1,{Identifiers.MaxApplicationNameLength}}}$"),
        $"Executable name without .exe (default {ProxyApplication.SeedRule.Name}).")
    {
        Required = true,
    };

    public static readonly PolicyKey Disable = new("disable", new IntegerChoiceType(ProxyApplication.SwitchValues.Values), "TMG client Disable (default 0).");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "DisableEx is the TMG client key's own name.")]
    public static readonly PolicyKey DisableEx = new("disableEx", new IntegerChoiceType(ProxyApplication.SwitchValues.Values), "TMG client DisableEx (default 0).");

    /// <summary>An entry of proxy.applications[].</summary>
    public static readonly MappingType Application = new([ApplicationName, Disable, DisableEx]);

    public static readonly PolicyKey Applications = new("applications", new ListType(Application), "Application rules (default: the article's msoidsvc rule).");

    public static readonly PolicyKey Proxy = PolicyKey.Section("proxy", "The proxy in front of clients ('Sign-in address not found').", [Kind, Applications])
        with { Order = 40, Reading = KeyReading.Code };

    public static readonly ImmutableArray<PolicyKey> All = [Proxy];
}
