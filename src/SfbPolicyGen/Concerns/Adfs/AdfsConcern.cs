namespace SfbPolicyGen.Concerns.Adfs;

/// <summary>AD FS single sign-on, the second cause of "The server is temporarily unavailable" (docs/ARTICLE.md,
/// "The error messages"): its certificate is checked live (Verification/AdfsVerifier.cs), nothing is
/// generated, since installing a certificate is the one fix no file can make.</summary>
public static class AdfsConcern
{
    public static readonly Concern Concern = new("adfs")
    {
        Keys = AdfsKeys.All,
        Check = new(Verification.AdfsVerifier.Check, CheckAllAsync),
    };

    /// <summary>verify's ADFS lines: each tenant with an adfs section, in the run's order.</summary>
    private static async Task<IReadOnlyList<Verification.CheckLine>> CheckAllAsync(IReadOnlyList<Model.TenantPolicy> tenants, Verification.VerifyOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<Verification.CheckLine>();
        var adfs = new Verification.AdfsCheckOptions(options.CaFile, options.ConnectTo);
        foreach (var tenant in tenants)
        {
            lines.AddRange(await Verification.AdfsVerifier.CheckAsync(tenant, adfs, options.Clock, cancellationToken).ConfigureAwait(false));
        }

        return lines;
    }
}
