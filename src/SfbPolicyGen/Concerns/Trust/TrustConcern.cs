namespace SfbPolicyGen.Concerns.Trust;

/// <summary>TrustModelData, the fix of "Cannot verify that the server is trusted": the ways to set the
/// value (the .reg file, Registry.pol and its LGPO text, the GPO script, the appender, Intune) and the
/// ADMX/ADML that show it in the Group Policy editor.</summary>
public static class TrustConcern
{
    public static readonly Concern Concern = new("trust")
    {
        Keys = TrustKeys.All,
        GuideStep = "trust",
        Kinds = [TrustKinds.Admx, TrustKinds.Adml, TrustKinds.Reg, TrustKinds.RegistryPol, TrustKinds.LgpoText, TrustKinds.GpoScript, TrustKinds.TrustAppendScript, TrustKinds.IntuneDetectScript, TrustKinds.IntuneRemediateScript],
        Writers = [AdmxWriter.Write, RegWriter.Write, RegistryPolWriter.Write, LgpoTextWriter.Write, GpoScriptWriter.Write, TrustAppendScriptWriter.Write, IntuneRemediationWriter.Write],
        GuideModel = TrustGuide.Model,
    };
}
