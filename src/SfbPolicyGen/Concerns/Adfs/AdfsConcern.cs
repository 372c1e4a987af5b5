namespace SfbPolicyGen.Concerns.Adfs;

/// <summary>AD FS single sign-on, the second cause of "The server is temporarily unavailable" (docs/ARTICLE.md,
/// "The error messages"): its certificate is checked live (Verification/AdfsVerifier.cs), nothing is
/// generated, since installing a certificate is the one fix no file can make.</summary>
public static class AdfsConcern
{
    public static readonly Concern Concern = new("adfs")
    {
        Keys = AdfsKeys.All,
        Check = Verification.LiveCheck.PerTenant(Verification.AdfsVerifier.Check, (tenant, options, cancellationToken) =>
            Verification.AdfsVerifier.CheckAsync(tenant, new Verification.AdfsCheckOptions(options.CaFile, options.ConnectTo), options.Clock, cancellationToken)),
    };
}
