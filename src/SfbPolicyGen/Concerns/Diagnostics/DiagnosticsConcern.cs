namespace SfbPolicyGen.Concerns.Diagnostics;

/// <summary>Collecting information for support, the article's last resort (docs/ARTICLE.md, "Collecting
/// information for support"): an opt-in script that gathers, on the failing computer, the client's logs,
/// its event log entries and the state of each fix the other concerns deploy, and says which look broken.</summary>
public static class DiagnosticsConcern
{
    public static readonly Concern Concern = new("diagnostics")
    {
        Keys = DiagnosticsKeys.All,
        Templates = [Template.CollectScript],
        GuideStep = "diagnostics",
        Kinds = [DiagnosticsKinds.CollectScript],
        Writers = [DiagnosticsScriptWriter.Write],
        GuideModel = (tenant, _) => [("has_diagnostics", DiagnosticsKeys.IsOn(tenant))],
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string CollectScript = "collect-diagnostics.ps1.sbn";
    }
}
