namespace SfbPolicyGen.Concerns.Trust;

/// <summary>TrustModelData, the fix of "Cannot verify that the server is trusted": the ways to set the
/// value (the .reg file, Registry.pol and its LGPO text, the GPO script, the appender, Intune) and the
/// ADMX/ADML that show it in the Group Policy editor.</summary>
public static class TrustConcern
{
    public static readonly Concern Concern = new("trust")
    {
        Keys = TrustKeys.All,
        Templates = [Template.Reg, Template.TrustAppendScript, Template.GpoScript, Template.IntuneScript, Template.TrustMerge],
        GuideStep = "trust",
        Kinds = [TrustKinds.Admx, TrustKinds.Adml, TrustKinds.Reg, TrustKinds.RegistryPol, TrustKinds.LgpoText, TrustKinds.GpoScript, TrustKinds.TrustAppendScript, TrustKinds.IntuneDetectScript, TrustKinds.IntuneRemediateScript],
        Writers = [AdmxWriter.Write, RegWriter.Write, RegistryPolWriter.Write, LgpoTextWriter.Write, GpoScriptWriter.Write, TrustAppendScriptWriter.Write, IntuneRemediationWriter.Write],
        GuideModel = TrustGuide.Model,
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string Reg = "trustmodeldata.reg.sbn";

        public const string TrustAppendScript = "trust-append.ps1.sbn";

        public const string GpoScript = "gpo.ps1.sbn";

        public const string IntuneScript = "intune.ps1.sbn";

        /// <summary>Included (<c>{{ include 'trust-merge.ps1.sbn' }}</c>) by the appender and the Intune
        /// scripts, so that the merge of TrustModelData is written once.</summary>
        public const string TrustMerge = "trust-merge.ps1.sbn";
    }
}
