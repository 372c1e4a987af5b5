namespace SfbPolicyGen.Concerns.Time;

/// <summary>The domain's time source, the fix of "System clock out of sync with server clock": the PDC
/// emulator of the forest root syncs from reliable NTP servers, the rest follow the domain hierarchy
/// (docs/TIME.md). Opt-in: only a policy with a time section gets its script.</summary>
public static class TimeConcern
{
    public static readonly Concern Concern = new("time")
    {
        Keys = TimeKeys.All,
        Templates = [Template.PdcTimeSourceScript],
        GuideStep = "time",
        Kinds = [TimeKinds.PdcTimeSourceScript],
        Writers = [PdcTimeSourceScriptWriter.Write],
        GuideModel = (tenant, _) => [("has_time", tenant.Time is not null), ("time_peers", tenant.Time is { } time ? $"`{time.ManualPeerList}`" : "")],
        Check = new("time", CheckAllAsync),
    };

    /// <summary>verify's time lines: each tenant's NTP servers (a tenant with a time section), and --dc.</summary>
    private static async Task<IReadOnlyList<Verification.CheckLine>> CheckAllAsync(IReadOnlyList<Model.TenantPolicy> tenants, Verification.VerifyOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<Verification.CheckLine>();
        var time = new Verification.TimeCheckOptions(options.DomainController, options.Clock);
        foreach (var tenant in tenants)
        {
            lines.AddRange(await Verification.TimeVerifier.CheckAsync(tenant, time, cancellationToken).ConfigureAwait(false));
        }

        return lines;
    }

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string PdcTimeSourceScript = "time-source.ps1.sbn";
    }
}
