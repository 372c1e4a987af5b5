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
        Check = Verification.LiveCheck.PerTenant("time", (tenant, options, cancellationToken) =>
            Verification.TimeVerifier.CheckAsync(tenant, new Verification.TimeCheckOptions(options.DomainController, options.Clock), cancellationToken)),
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string PdcTimeSourceScript = "time-source.ps1.sbn";
    }
}
