namespace SfbPolicyGen.Model;

/// <summary>The AD FS federation service a tenant signs in through (adfs: in policies.yaml), which
/// verify checks: its TLS certificate, its federation metadata and, where asked, its probe.</summary>
/// <param name="FederationServiceName">Normalised (lowercase, punycode), as every name of the model.</param>
/// <param name="MetadataUrl">An absolute https URL.</param>
/// <param name="Probe">Also ask <see cref="ProbeUrl"/> for a 200.</param>
public sealed record AdfsPolicy(string FederationServiceName, Uri MetadataUrl, bool Probe)
{
    public const bool DefaultProbe = false;

    public const int MaxMetadataUrlLength = 2048;

    /// <summary>Where AD FS publishes its federation metadata (docs/ARTICLE.md, "The ADFS check").</summary>
    public const string MetadataPath = "/FederationMetadata/2007-06/FederationMetadata.xml";

    public static Uri DefaultMetadataUrl(string federationServiceName) => new($"https://{federationServiceName}{MetadataPath}");

    /// <summary>AD FS answers 200 here over plain HTTP, for load balancers (docs/ARTICLE.md, "The ADFS check").</summary>
    public Uri ProbeUrl => new($"http://{FederationServiceName}/adfs/probe");
}
