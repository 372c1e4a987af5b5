namespace SfbPolicyGen.Concerns.ClientCleanup;

/// <summary>The client's cached credentials, the fix of "There was a problem acquiring a personal
/// certificate": a clean-up script for one user's computer.</summary>
public static class ClientCleanupConcern
{
    public static readonly Concern Concern = new("clientCleanup")
    {
        Keys = ClientCleanupKeys.All,
        Templates = [Template.ClientCleanupScript],
        GuideStep = "client",
        Kinds = [ClientCleanupKinds.ClientCleanupScript],
        Writers = [ClientCleanupScriptWriter.Write],
        GuideModel = (tenant, _) => [("has_cleanup", tenant.ClientCleanup)],
    };

    /// <summary>The Scriban templates its writers render (templates/, embedded; --templates overrides them by name).</summary>
    internal static class Template
    {
        public const string ClientCleanupScript = "client-cleanup.ps1.sbn";
    }
}
