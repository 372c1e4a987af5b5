using System.Collections.Immutable;
using SfbPolicyGen.Model;

namespace SfbPolicyGen.Concerns.Adfs;

/// <summary>The ADFS concern's keys: the adfs section (<see cref="PolicyKey"/>). Read by
/// Loading/PolicyLoader.Adfs.cs.</summary>
public static class AdfsKeys
{
    public static readonly PolicyKey FederationServiceName = new(
        "federationServiceName",
        DomainNameType.Instance,
        "The AD FS federation service's DNS name, as clients reach it (e.g. sts.contoso.com).")
    {
        Required = true,
    };

    public static readonly PolicyKey MetadataUrl = new(
        "metadataUrl",
        new TextType(MinLength: 9, MaxLength: AdfsPolicy.MaxMetadataUrlLength, Pattern: "^https://"),
        $"An https URL of the federation metadata (default https://NAME{AdfsPolicy.MetadataPath}).");

    public static readonly PolicyKey Probe = new("probe", BoolType.Instance, "Also ask http://NAME/adfs/probe for a 200 (default false).")
    {
        Default = YamlText.Bool(AdfsPolicy.DefaultProbe),
    };

    public static readonly PolicyKey Adfs = PolicyKey.Section(
            "adfs",
            "The AD FS federation service that verify checks ('The server is temporarily unavailable': a self-signed certificate).",
            [FederationServiceName, MetadataUrl, Probe])
        with { Order = 200, Reading = KeyReading.Code };

    public static readonly ImmutableArray<PolicyKey> All = [Adfs];
}
