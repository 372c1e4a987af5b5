using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Trust;

/// <summary>The Trust concern's keys: trustModelData, admx and gpo (<see cref="PolicyKey"/>). Read by
/// Loading/PolicyLoader.TrustModelData.cs, .Admx.cs and .Gpo.cs.</summary>
public static class TrustKeys
{
    public static readonly PolicyKey Clients = new(
        "clients",
        new ListType(new ChoiceType(TrustClient.Names.Names), Unique: true),
        $"Clients whose policy key gets TrustModelData (default {YamlText.List([TrustClient.Communicator.Id])}).")
    {
        Default = YamlText.List([TrustClient.Communicator.Id]),
        Comment = "Which clients get the value: communicator (Lync 2010, the article's key), lync2013, skype2016.",
    };

    public static readonly PolicyKey Existing = new(
        "existing",
        new ListType(DomainNameType.Instance),
        "What the deployed value already holds: kept first, in this order (add, do not replace).")
    {
        Comment = "What the deployed value already holds: kept first, in this order (\"add, do not replace\").",
    };

    public static readonly PolicyKey KeepMicrosoftDefaults = new(
        "keepMicrosoftDefaults",
        BoolType.Instance,
        $"Keep {string.Join(", ", TrustListMerger.MicrosoftDefaults)} (default {YamlText.Bool(TrustModelDataPolicy.DefaultKeepMicrosoftDefaults)}).")
    {
        Default = YamlText.Bool(TrustModelDataPolicy.DefaultKeepMicrosoftDefaults),
        Comment = string.Join(", ", TrustListMerger.MicrosoftDefaults),
    };

    public static readonly PolicyKey Add = new("add", new ListType(DomainNameType.Instance), "Further trusted domains besides 'domains'.");

    public static readonly PolicyKey TrustModelData = PolicyKey.Section(
        "trustModelData", "The TrustModelData value ('Cannot verify that the server is trusted').", [Clients, Existing, KeepMicrosoftDefaults, Add])
        with { Order = 30, Reading = KeyReading.Code };

    public static readonly PolicyKey Namespace = new(
        "namespace",
        new TextType(Pattern: $"^(?![Mm][Ii][Cc][Rr][Oo][Ss][Oo][Ff][Tt]\\.)[A-Za-z][A-Za-z0-9._-]{{0,{Identifiers.MaxAdmxNamespaceLength - 1}}}$"),
        "Target namespace, unique in the central store (default SfbPolicyGen.Tenants.<name>).");

    public static readonly PolicyKey Prefix = new(
        "prefix", new TextType(Pattern: $"^[A-Za-z][A-Za-z0-9_]{{0,{Identifiers.MaxAdmxPrefixLength - 1}}}$"), "Target prefix (default sfb_<name>).");

    public static readonly PolicyKey Languages = new(
        "languages",
        new ListType(new ChoiceType(Model.Languages.Names.Names), MinItems: 1, Unique: true),
        $"ADML languages (default {YamlText.List(Model.Languages.Supported)}).")
    {
        Default = YamlText.List(Model.Languages.Supported),
    };

    public static readonly PolicyKey Admx = PolicyKey.Section("admx", "The ADMX/ADML templates.", [Namespace, Prefix, Languages]) with { Order = 60, Reading = KeyReading.Code };

    public static readonly PolicyKey GpoName = new(
        "name", TextType.Free(GpoPolicy.MaxNameLength), $"The GPO the gpo script creates or updates (default '{GpoPolicy.DefaultName("<name>")}').");

    public static readonly PolicyKey Gpo = PolicyKey.Section("gpo", "The GPO script.", [GpoName]) with { Order = 70, Reading = KeyReading.Code };

    public static readonly ImmutableArray<PolicyKey> All = [TrustModelData, Admx, Gpo];
}
