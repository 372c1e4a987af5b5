using SfbPolicyGen.Output;

namespace SfbPolicyGen.Writers;

/// <summary>Where each artifact lives inside the output folder: one folder per tenant, laid out the
/// way each file is deployed (PolicyDefinitions mirrors the central store).</summary>
internal static class ArtifactPaths
{
    public static string Admx(string tenant, string fileName) => $"{tenant}/PolicyDefinitions/{fileName}.admx";

    public static string Adml(string tenant, string fileName, string language) => $"{tenant}/PolicyDefinitions/{language}/{fileName}.adml";

    public static string Reg(string tenant) => $"{tenant}/registry/TrustModelData.reg";

    /// <summary>Laid out as in a GPO's folder (<c>{GUID}\Machine\Registry.pol</c>), for a GPO or <c>LGPO.exe /m</c>.</summary>
    public static string RegistryPol(string tenant) => $"{tenant}/gpo/Machine/Registry.pol";

    public static string GpoScript(string tenant) => $"{tenant}/gpo/Set-TrustModelDataGpo.ps1";

    /// <summary>Beside Registry.pol: the same entries as LGPO text, for a diff and for <c>LGPO.exe /t</c>.</summary>
    public static string LgpoText(string tenant) => $"{tenant}/gpo/Machine/Registry.pol.txt";

    /// <summary>In the tenant's folder, so that git applies it to that folder wherever out/ is.</summary>
    public static string GitAttributes(string tenant) => $"{tenant}/.gitattributes";

    public static string TrustAppendScript(string tenant) => $"{tenant}/registry/Add-TrustModelData.ps1";

    /// <summary>One folder per client key: the pair Intune takes as one script package.</summary>
    public static string IntuneDetectScript(string tenant, string client) => $"{tenant}/intune/{client}/Detect-TrustModelData.ps1";

    public static string IntuneRemediateScript(string tenant, string client) => $"{tenant}/intune/{client}/Remediate-TrustModelData.ps1";

    public static string Ldif(string tenant) => $"{tenant}/ad/Enable-SipUsers.ldif";

    public static string ActiveDirectoryScript(string tenant) => $"{tenant}/ad/Enable-SipUsers.ps1";

    public static string ClientCleanupScript(string tenant) => $"{tenant}/client/Reset-SfbSignIn.ps1";

    public static string TmgClientIni(string tenant) => $"{tenant}/tmg/Application.ini";

    public static string TmgServerScript(string tenant) => $"{tenant}/tmg/Set-TmgClientRules.ps1";

    public static string GatewayRules(string tenant) => $"{tenant}/gateway/gateway-rules.md";

    public static string Zone(string tenant, string domain) => $"{tenant}/dns/{domain}.zone";

    /// <summary>One folder per domain holds its update messages, one per file (<see cref="NsUpdateWriter"/>),
    /// so that a loop over the folder sends them all.</summary>
    public static string NsUpdate(string tenant, string domain, string message) => $"{tenant}/dns/nsupdate/{domain}/{message}.nsupdate";

    /// <summary>The folder of a domain's update messages, relative to the tenant's folder, with its final '/'.</summary>
    public static string NsUpdateFolder(string domain) => $"dns/nsupdate/{domain}/";

    /// <summary>The folder of one client's Intune pair, relative to the tenant: one script package, one row of the guide.</summary>
    public static string IntuneFolder(string client) => $"intune/{client}/";

    /// <summary>Beside the zones; no domain name ends in ".ps1" clashes, since zones end in ".zone".</summary>
    public static string DnsServerScript(string tenant) => $"{tenant}/dns/Add-DnsServerRecords.ps1";

    /// <summary>The gitattributes(5) patterns, relative to the tenant's folder, that match exactly the
    /// files of that kind: the paths above with '*' for what varies (a '*' never crosses a '/' in a
    /// pattern that holds one, and the leading '/' anchors each to the tenant's folder).</summary>
    public static IReadOnlyList<string> GitPatterns(ArtifactKind kind)
    {
        const string Any = "*", Tenant = "t";
        string[] paths = kind switch
        {
            ArtifactKind.Admx => [Admx(Tenant, Any)],
            ArtifactKind.Adml => [Adml(Tenant, Any, Any)],
            ArtifactKind.Reg => [Reg(Tenant)],
            ArtifactKind.TmgClientIni => [TmgClientIni(Tenant)],
            ArtifactKind.TmgServerScript => [TmgServerScript(Tenant)],
            ArtifactKind.GatewayRules => [GatewayRules(Tenant)],
            ArtifactKind.Zone => [Zone(Tenant, Any)],
            ArtifactKind.Guide => [Guide(Tenant, Model.Languages.English), Guide(Tenant, Any)],
            ArtifactKind.RegistryPol => [RegistryPol(Tenant)],
            ArtifactKind.TrustAppendScript => [TrustAppendScript(Tenant)],
            ArtifactKind.GpoScript => [GpoScript(Tenant)],
            ArtifactKind.DnsServerScript => [DnsServerScript(Tenant)],
            ArtifactKind.Ldif => [Ldif(Tenant)],
            ArtifactKind.ActiveDirectoryScript => [ActiveDirectoryScript(Tenant)],
            ArtifactKind.ClientCleanupScript => [ClientCleanupScript(Tenant)],
            ArtifactKind.LgpoText => [LgpoText(Tenant)],
            ArtifactKind.GitAttributes => [GitAttributes(Tenant)],
            ArtifactKind.NsUpdate => [NsUpdate(Tenant, Any, Any)],
            ArtifactKind.IntuneDetectScript => [IntuneDetectScript(Tenant, Any)],
            ArtifactKind.IntuneRemediateScript => [IntuneRemediateScript(Tenant, Any)],
        };

        return [.. paths.Select(path => "/" + RelativeToTenant(Tenant, path))];
    }

    /// <summary>A path inside the tenant's own folder (what the guide and plan show).</summary>
    public static string RelativeToTenant(string tenant, string path) =>
        path.StartsWith(tenant + "/", StringComparison.Ordinal) ? path[(tenant.Length + 1)..] : throw new ArgumentException($"{path} is not in the folder of tenant {tenant}", nameof(path));

    /// <summary>README.md in English so that a code host shows it when a reviewer opens the folder.</summary>
    public static string Guide(string tenant, string language) =>
        language == Model.Languages.English ? $"{tenant}/README.md" : $"{tenant}/README.{language}.md";
}
